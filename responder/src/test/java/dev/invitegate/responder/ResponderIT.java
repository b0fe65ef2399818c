package dev.invitegate.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationDocumentCodec;
import dev.invitegate.local.CosmosControl;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.responder.entra.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The responder as Entra meets it: real HTTP on a free port, tokens signed by a key served from a
 * local JWKS endpoint, invitations in the local Cosmos stand-in, faults injected into it.
 */
@ExtendWith(LocalAzureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponderIT {

  private static final Duration DEADLINE = Duration.ofMillis(800);
  private static final String UNAVAILABLE =
      "Sign-up is temporarily unavailable. Please try again in a few minutes.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestTokens entra = new TestTokens("it-key");
  private final HttpClient http = HttpClient.newHttpClient();
  private LocalEmulators emulators;
  private CosmosClient cosmos;
  private CosmosContainer container;
  private JwksServer jwks;
  private Main.Running responder;

  @BeforeAll
  void start(LocalEmulators emulators) {
    this.emulators = emulators;
    cosmos =
        new CosmosClientBuilder()
            .endpoint(emulators.cosmosEndpoint())
            .key(emulators.cosmosKey())
            .gatewayMode()
            .buildClient();
    cosmos.createDatabaseIfNotExists("responder-it");
    cosmos
        .getDatabase("responder-it")
        .createContainerIfNotExists(new CosmosContainerProperties("invitations", "/id"));
    container = cosmos.getDatabase("responder-it").getContainer("invitations");
    jwks = new JwksServer(entra.jwks());

    Map<String, String> env = new HashMap<>();
    env.put("INVITEGATE_HTTP_PORT", "0");
    env.put("INVITEGATE_ADMIN_PORT", "0");
    env.put("INVITEGATE_COSMOS_ENDPOINT", emulators.cosmosEndpoint());
    env.put("INVITEGATE_COSMOS_KEY", emulators.cosmosKey());
    env.put("INVITEGATE_COSMOS_DATABASE", "responder-it");
    env.put("INVITEGATE_COSMOS_CONTAINER", "invitations");
    env.put("INVITEGATE_COSMOS_CONNECTION_MODE", "gateway");
    env.put("INVITEGATE_ENTRA_TENANT_ID", TestTokens.TENANT);
    env.put("INVITEGATE_ENTRA_CLIENT_ID", TestTokens.CLIENT_ID);
    env.put("INVITEGATE_ENTRA_JWKS_URIS", jwks.uri().toString());
    env.put("INVITEGATE_DEADLINE_MS", Long.toString(DEADLINE.toMillis()));
    responder = Main.start(ResponderSettings.from(env), Clock.systemUTC());
    await().atMost(Duration.ofSeconds(30)).until(() -> admin("/health/ready").statusCode() == 200);
  }

  @AfterAll
  void stop() {
    if (responder != null) {
      responder.stop();
    }
    if (jwks != null) {
      jwks.close();
    }
    if (cosmos != null) {
      cosmos.getDatabase("responder-it").delete();
      cosmos.close();
    }
  }

  @AfterEach
  void clearFaults() {
    emulators.cosmos().clearFaults();
  }

  static Stream<String> vectors() {
    return TestResources.vectors().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void answersEveryReferenceVector_overHttp_fromCosmos(String vector) throws Exception {
    for (InvitationDocument document : TestResources.invitations(vector)) {
      container.upsertItem(InvitationDocumentCodec.toJson(document));
    }
    HttpResponse<String> response =
        post(TestResources.bytes("vectors/" + vector + "/request.json"), bearer());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(JSON.readTree(response.body()))
        .isEqualTo(TestResources.json("vectors/" + vector + "/response.json"));
  }

  @Test
  void answersTheSame_whetherTheBodyComesWithItsLength_orInChunks() throws Exception {
    upsertVector1();
    String vector = "vectors/01-start-otp-invited/";
    byte[] body = TestResources.bytes(vector + "request.json");
    // An input stream of unknown length is sent chunked, without a Content-Length.
    HttpRequest chunked =
        HttpRequest.newBuilder(URI.create("http://localhost:" + responder.port() + "/entra/events"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", bearer())
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> withLength = post(body, bearer());
    HttpResponse<String> inChunks = http.send(chunked, HttpResponse.BodyHandlers.ofString());

    assertThat(chunked.bodyPublisher().orElseThrow().contentLength()).isNegative();
    for (HttpResponse<String> response : List.of(withLength, inChunks)) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(JSON.readTree(response.body()))
          .isEqualTo(TestResources.json(vector + "response.json"));
    }
  }

  @Test
  void refusesEachTokenAttack_with401Json() throws Exception {
    Instant now = Instant.now();
    Map<String, String> attacks = new HashMap<>();
    attacks.put("none", null);
    attacks.put("malformed", "Basic dXNlcjpwYXNz");
    attacks.put(
        "alg none",
        "Bearer "
            + new com.nimbusds.jwt.PlainJWT(TestTokens.toClaims(TestTokens.validClaims(now)))
                .serialize());
    attacks.put(
        "unknown key",
        "Bearer " + TestTokens.sign(TestTokens.generate("stranger"), TestTokens.validClaims(now)));
    attacks.put(
        "expired",
        "Bearer " + entra.mint(now, c -> put(c, "exp", Date.from(now.minusSeconds(600)))));
    attacks.put(
        "not yet valid",
        "Bearer " + entra.mint(now, c -> put(c, "nbf", Date.from(now.plusSeconds(600)))));
    attacks.put("wrong aud", "Bearer " + entra.mint(now, c -> put(c, "aud", TestTokens.TENANT)));
    attacks.put(
        "wrong azp",
        "Bearer " + entra.mint(now, c -> put(c, "azp", "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917")));
    attacks.put(
        "wrong iss", "Bearer " + entra.mint(now, c -> put(c, "iss", "https://evil.example/v2.0")));
    attacks.put(
        "wrong tid",
        "Bearer " + entra.mint(now, c -> put(c, "tid", "11111111-2222-3333-4444-555555555555")));
    byte[] body = TestResources.bytes("vectors/01-start-otp-invited/request.json");
    for (var attack : attacks.entrySet()) {
      HttpResponse<String> response = post(body, attack.getValue());
      assertThat(response.statusCode()).as(attack.getKey()).isEqualTo(401);
      assertThat(response.headers().firstValue("www-authenticate")).as(attack.getKey()).isPresent();
      assertThat(JSON.readTree(response.body()).path("error").asText())
          .as(attack.getKey())
          .isEqualTo("invalid_token");
    }
  }

  @Test
  void refusesAValidToken_whenTheBodyNamesAnotherTenant() throws Exception {
    ObjectNode request = TestResources.json("vectors/01-start-otp-invited/request.json").deepCopy();
    ((ObjectNode) request.path("data")).put("tenantId", "11111111-2222-3333-4444-555555555555");
    HttpResponse<String> response =
        post(request.toString().getBytes(StandardCharsets.UTF_8), bearer());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void answers400_toMalformedOrUnsupportedEvents_and413_toOversizedBodies() throws Exception {
    HttpResponse<String> malformed = post("{not json".getBytes(StandardCharsets.UTF_8), bearer());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).path("error").asText()).isEqualTo("malformed_event");

    ObjectNode otp = TestResources.json("vectors/01-start-otp-invited/request.json").deepCopy();
    otp.put("type", "microsoft.graph.authenticationEvent.emailOtpSend");
    HttpResponse<String> unsupported =
        post(otp.toString().getBytes(StandardCharsets.UTF_8), bearer());
    assertThat(unsupported.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unsupported.body()).path("error").asText())
        .isEqualTo("unsupported_event_type");

    byte[] huge = new byte[512 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    HttpResponse<String> oversized = post(huge, bearer());
    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(oversized.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void answers400_toACallWithoutABody() throws Exception {
    HttpResponse<String> empty = post(new byte[0], bearer());
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(empty.body()).path("error").asText()).isEqualTo("malformed_event");
  }

  @Test
  void answers400_toABodyThatIsNotUtf8() throws Exception {
    byte[] body = TestResources.bytes("vectors/01-start-otp-invited/request.json");
    int key =
        new String(body, StandardCharsets.ISO_8859_1).indexOf("authenticationEventListenerId");
    body[key + 3] = (byte) 0xC3; // a lead byte without its continuation: not UTF-8
    HttpResponse<String> response = post(body, bearer());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("malformed_event");
  }

  @Test
  void blocksWithinTheDeadline_whenCosmosIsSlow() throws Exception {
    upsertVector1();
    emulators.cosmos().delay(Duration.ofSeconds(3), Duration.ofMinutes(1));
    assertFailsClosedInTime();
  }

  @Test
  void blocksWithinTheDeadline_whenCosmosAnswers503() throws Exception {
    upsertVector1();
    emulators.cosmos().failWith(503, Duration.ofMinutes(1));
    assertFailsClosedInTime();
  }

  @Test
  void blocksWithinTheDeadline_whenCosmosThrottles() throws Exception {
    upsertVector1();
    emulators.cosmos().failWith(429, Duration.ofMinutes(1));
    assertFailsClosedInTime();
  }

  @Test
  void blocksWithinTheDeadline_whenCosmosDropsConnections_andRecoversAfterwards() throws Exception {
    upsertVector1();
    emulators.cosmos().dropConnections(CosmosControl.Scope.ALL, Duration.ofMinutes(1));
    assertFailsClosedInTime();
    emulators.cosmos().clearFaults();
    upsertVector1();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        JSON.readTree(
                            post(
                                    TestResources.bytes(
                                        "vectors/01-start-otp-invited/request.json"),
                                    bearer())
                                .body()))
                    .isEqualTo(TestResources.json("vectors/01-start-otp-invited/response.json")));
  }

  @Test
  void refusesACall_withSeveralAuthorizationHeaders_evenIfOneIsValid() throws Exception {
    byte[] body = TestResources.bytes("vectors/01-start-otp-invited/request.json");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + responder.port() + "/entra/events"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", bearer())
            .header("Authorization", "Bearer x.y.z")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(admin("/metrics").body())
        .contains("invitegate_token_rejections_total{reason=\"several_authorizations\",");
  }

  @Test
  void blocksAsUnavailable_whenTheStoredDocumentCannotBeRead() throws Exception {
    ObjectNode unreadable = JSON.createObjectNode();
    unreadable.put("id", "alice@example.com");
    unreadable.put("schemaVersion", 99);
    unreadable.putObject("scopes").putObject("*").put("state", "granted");
    container.upsertItem(unreadable);
    HttpResponse<String> response =
        post(TestResources.bytes("vectors/01-start-otp-invited/request.json"), bearer());
    JsonNode action = JSON.readTree(response.body()).path("data").path("actions").get(0);
    assertThat(action.path("@odata.type").asText())
        .isEqualTo("microsoft.graph.attributeCollectionStart.showBlockPage");
    assertThat(action.path("message").asText()).isEqualTo(UNAVAILABLE);
    upsertVector1();
  }

  @Test
  void failsClosedAndTurnsNotReady_whenTheContainerIsMissing_andRecovers() throws Exception {
    upsertVector1();
    container.delete();
    try {
      HttpResponse<String> response =
          post(TestResources.bytes("vectors/01-start-otp-invited/request.json"), bearer());
      JsonNode action = JSON.readTree(response.body()).path("data").path("actions").get(0);
      assertThat(action.path("message").asText())
          .as("a missing container is not 'not invited'")
          .isEqualTo(UNAVAILABLE);
      assertThat(admin("/metrics").body())
          .contains("invitegate_store_failures_total{reason=\"store_unavailable\",");
      HttpResponse<String> ready = admin("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(check(ready, "cosmos")).isEqualTo("DOWN");
    } finally {
      cosmos
          .getDatabase("responder-it")
          .createContainerIfNotExists(new CosmosContainerProperties("invitations", "/id"));
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> admin("/health/ready").statusCode() == 200);
    upsertVector1();
    assertThat(
            JSON.readTree(
                post(TestResources.bytes("vectors/01-start-otp-invited/request.json"), bearer())
                    .body()))
        .isEqualTo(TestResources.json("vectors/01-start-otp-invited/response.json"));
  }

  @Test
  void servesHealthAndMetrics_onTheAdminPort() throws Exception {
    assertThat(admin("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = admin("/health/ready");
    assertThat(check(ready, "cosmos")).isEqualTo("UP");
    assertThat(check(ready, "rehearsal")).isEqualTo("UP");
    post(TestResources.bytes("vectors/02-start-otp-not-invited/request.json"), bearer());
    String metrics = admin("/metrics").body();
    assertThat(metrics)
        .contains("# TYPE invitegate_decisions_total counter")
        .contains(
            "invitegate_decisions_total{action=\"block\",event=\"attributeCollectionStart\","
                + "reason=\"no_invitation\",")
        .contains("invitegate_store_read_duration_seconds_count")
        .contains("process_resident_memory_bytes");
  }

  private void assertFailsClosedInTime() throws Exception {
    // Only the call is timed: reading the request and signing its token are the caller's work.
    byte[] request = TestResources.bytes("vectors/01-start-otp-invited/request.json");
    String authorization = bearer();
    long started = System.nanoTime();
    HttpResponse<String> response = post(request, authorization);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode action = JSON.readTree(response.body()).path("data").path("actions").get(0);
    assertThat(action.path("@odata.type").asText())
        .isEqualTo("microsoft.graph.attributeCollectionStart.showBlockPage");
    assertThat(action.path("message").asText()).isEqualTo(UNAVAILABLE);
    assertThat(took).isLessThan(DEADLINE);
    assertThat(admin("/metrics").body())
        .contains("invitegate_store_failures_total{reason=\"store_");
  }

  /** The status of one check in a health answer (Helidon's format: a list of named checks). */
  private static String check(HttpResponse<String> health, String name) throws IOException {
    for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
      if (check.path("name").asText().equals(name)) {
        return check.path("status").asText();
      }
    }
    return "absent";
  }

  private void upsertVector1() {
    for (InvitationDocument document : TestResources.invitations("01-start-otp-invited")) {
      container.upsertItem(InvitationDocumentCodec.toJson(document));
    }
  }

  private String bearer() {
    return "Bearer " + entra.mint(Instant.now());
  }

  private static Map<String, Object> put(Map<String, Object> claims, String name, Object value) {
    claims.put(name, value);
    return claims;
  }

  private HttpResponse<String> post(byte[] body, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + responder.port() + "/entra/events"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> admin(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + responder.adminPort() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
