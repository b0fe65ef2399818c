package dev.invitegate.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.responder.entra.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A key endpoint that answers slowly while callers send tokens with key IDs nobody knows (no valid
 * signature needed): every such call must still be refused within the deadline, and Entra's own
 * calls served meanwhile. A refresh that blocked request threads on a monitor would stall them.
 */
@ExtendWith(LocalAzureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowSigningKeysIT {

  private static final Duration DEADLINE = Duration.ofMillis(800);
  private static final int UNKNOWN_KEY_CALLS = 64;
  private static final int VALID_CALLS = 16;

  private final TestTokens entra = new TestTokens("slow-it-key");
  private final HttpClient http =
      HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  private JwksServer jwks;
  private Main.Running responder;

  @BeforeAll
  void start(LocalEmulators emulators) {
    jwks = new JwksServer(entra.jwks());
    Map<String, String> env = new HashMap<>();
    env.put("INVITEGATE_HTTP_PORT", "0");
    env.put("INVITEGATE_ADMIN_PORT", "0");
    env.put("INVITEGATE_COSMOS_ENDPOINT", emulators.cosmosEndpoint());
    env.put("INVITEGATE_COSMOS_KEY", emulators.cosmosKey());
    env.put("INVITEGATE_COSMOS_DATABASE", "slow-keys-it");
    env.put("INVITEGATE_COSMOS_CONTAINER", "invitations");
    env.put("INVITEGATE_ENTRA_TENANT_ID", TestTokens.TENANT);
    env.put("INVITEGATE_ENTRA_CLIENT_ID", TestTokens.CLIENT_ID);
    env.put("INVITEGATE_ENTRA_JWKS_URIS", jwks.uri().toString());
    env.put("INVITEGATE_DEADLINE_MS", Long.toString(DEADLINE.toMillis()));
    try (var cosmos =
        new com.azure.cosmos.CosmosClientBuilder()
            .endpoint(emulators.cosmosEndpoint())
            .key(emulators.cosmosKey())
            .gatewayMode()
            .buildClient()) {
      cosmos.createDatabaseIfNotExists("slow-keys-it");
      cosmos
          .getDatabase("slow-keys-it")
          .createContainerIfNotExists(
              new com.azure.cosmos.models.CosmosContainerProperties("invitations", "/id"));
    }
    responder = Main.start(ResponderSettings.from(env), Clock.systemUTC());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(
                                    URI.create(
                                        "http://localhost:"
                                            + responder.adminPort()
                                            + "/health/ready"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  @AfterAll
  void stop() {
    if (responder != null) {
      responder.stop();
    }
    if (jwks != null) {
      jwks.close();
    }
  }

  private record Answer(int status, Duration took) {}

  private Answer call(String token) throws Exception {
    byte[] body = TestResources.bytes("vectors/02-start-otp-not-invited/request.json");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + responder.port() + "/entra/events"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long started = System.nanoTime();
    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
    return new Answer(response.statusCode(), Duration.ofNanos(System.nanoTime() - started));
  }

  @Test
  void refusesUnknownKeyIdsWithinTheDeadline_andServesEntra_whileTheKeyEndpointIsSlow()
      throws Exception {
    Instant now = Instant.now();
    List<String> strangers = new ArrayList<>();
    for (int i = 0; i < UNKNOWN_KEY_CALLS; i++) {
      // One key signs them all; each token names another key ID, which nobody publishes.
      strangers.add(
          TestTokens.sign(
              new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                  .keyID("unknown-" + i)
                  .build(),
              entra.key(),
              TestTokens.validClaims(now)));
    }
    String valid = entra.mint(now);
    // Opens the client's connections and warms both sides, so that what is timed is the answer.
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Answer>> warmUp = new ArrayList<>();
      for (int i = 0; i < UNKNOWN_KEY_CALLS + VALID_CALLS; i++) {
        warmUp.add(callers.submit(() -> call(valid)));
      }
      for (Future<Answer> answer : warmUp) {
        assertThat(answer.get().status())
            .as("served before the endpoint slows down")
            .isEqualTo(200);
      }
    }
    int fetchesBefore = jwks.requests();
    jwks.delay(Duration.ofSeconds(5));
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Answer>> unknown = new ArrayList<>();
      List<Future<Answer>> entraCalls = new ArrayList<>();
      for (int i = 0; i < UNKNOWN_KEY_CALLS; i++) {
        String token = strangers.get(i);
        unknown.add(callers.submit(() -> call(token)));
        if (i % (UNKNOWN_KEY_CALLS / VALID_CALLS) == 0) {
          entraCalls.add(callers.submit(() -> call(valid)));
        }
      }
      for (Future<Answer> answer : unknown) {
        assertThat(answer.get().status()).isEqualTo(401);
        assertThat(answer.get().took()).isLessThan(DEADLINE);
      }
      for (Future<Answer> answer : entraCalls) {
        assertThat(answer.get().status()).isEqualTo(200);
        assertThat(answer.get().took()).isLessThan(DEADLINE);
      }
    } finally {
      jwks.delay(Duration.ZERO);
    }
    assertThat(jwks.requests())
        .as("the unknown key IDs made the responder ask the slow endpoint")
        .isGreaterThan(fetchesBefore);
  }
}
