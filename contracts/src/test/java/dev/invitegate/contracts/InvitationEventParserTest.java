package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitegate.contracts.samples.GoldenSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InvitationEventParserTest {

  private static final String APP_1 = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";
  private static final String APP_2 = "0f3b8c1e-5a27-4d6b-9e80-3c4f1a2b7d65";
  private static final String EXT_1 = "extension_6e4c2a089d1f4b7e8c35a2f0d6b4e917_";
  private static final String EXT_2 = "extension_0f3b8c1e5a274d6b9e803c4f1a2b7d65_";

  private final InvitationEventParser parser = new InvitationEventParser();

  /** What each valid golden sample must parse to, exactly. */
  private static final Map<String, InvitationEvent> EXPECTED = expectedEvents();

  private static Map<String, InvitationEvent> expectedEvents() {
    var expected = new LinkedHashMap<String, InvitationEvent>();
    expected.put(
        "granted-all-apps.json",
        granted(
            "b6f1a7de-0c55-4c47-9a3e-1f2d3c4b5a60",
            "https://hr.example.com/invitations",
            "2026-01-05T09:30:00Z",
            "alice@example.com",
            null,
            null,
            Map.of(),
            List.of(),
            List.of()));
    var bobAttributes = new LinkedHashMap<String, Object>();
    bobAttributes.put("displayName", "Bob Jones");
    bobAttributes.put("givenName", "Bob");
    bobAttributes.put(EXT_1 + "CohortYear", 2025L);
    bobAttributes.put(EXT_1 + "IsAlumnus", true);
    expected.put(
        "granted-one-app-full.json",
        granted(
            "evt-2026-01-06-0001",
            "https://hr.example.com/invitations",
            "2026-01-06T13:15:30.250Z",
            "bob.jones@example.org",
            APP_1,
            "2026-03-31T23:59:59Z",
            bobAttributes,
            List.of(EXT_1 + "CohortYear", "displayName"),
            List.of("beta-tester", "reviewer")));
    expected.put(
        "revoked-all-apps.json",
        new InvitationRevoked(
            "c0ffee00-1111-4222-8333-944445555666",
            "https://hr.example.com/invitations",
            Instant.parse("2026-02-01T08:00:00Z"),
            EmailKey.of("alice@example.com"),
            Optional.empty()));
    expected.put(
        "revoked-one-app.json",
        new InvitationRevoked(
            "evt-2026-02-02-0042",
            "https://hr.example.com/invitations",
            Instant.parse("2026-02-02T17:00:00Z"),
            EmailKey.of("bob.jones@example.org"),
            Optional.of(APP_1)));
    expected.put(
        "granted-unknown-fields.json",
        granted(
            "evt-forward-compat-1",
            "/upstream/crm",
            "2026-01-07T10:00:00Z",
            "carol@example.net",
            APP_2,
            null,
            Map.of("displayName", "Carol"),
            List.of(),
            List.of()));
    expected.put(
        "granted-mixed-case-email.json",
        granted(
            "evt-mixed-case-1",
            "https://hr.example.com/invitations",
            "2026-01-08T07:45:00Z",
            "alice.smith+beta@example.com",
            APP_2,
            null,
            Map.of(),
            List.of(),
            List.of()));
    var erinAttributes = new LinkedHashMap<String, Object>();
    erinAttributes.put("displayName", "Erin O'Brien");
    erinAttributes.put("givenName", "Erin");
    erinAttributes.put("surname", "O'Brien");
    erinAttributes.put(EXT_2 + "EmployeeNumber", 90210L);
    erinAttributes.put(EXT_2 + "Department", "Finance");
    erinAttributes.put(EXT_2 + "Contractor", false);
    expected.put(
        "granted-apporetum-entitlement.json",
        granted(
            "9a1d7c3e-4b2f-4e8a-b6d5-0c1e2f3a4b5c",
            "https://apporetum.example.com/tenants/contoso/entitlements",
            "2026-01-12T03:20:11.4831Z",
            "erin.o'brien@contoso.co.uk",
            APP_2,
            "2026-12-31T00:00:00Z",
            erinAttributes,
            List.of(EXT_2 + "EmployeeNumber", EXT_2 + "Department"),
            List.of("Finance.Reader", "Finance.Approver")));
    expected.put(
        "revoked-with-granted-fields.json",
        new InvitationRevoked(
            "evt-revoke-extra-1",
            "https://hr.example.com/invitations",
            Instant.parse("2026-02-03T00:00:00Z"),
            EmailKey.of("carol@example.net"),
            Optional.of(APP_2)));
    return expected;
  }

  private static InvitationGranted granted(
      String id,
      String source,
      String time,
      String email,
      String applicationId,
      String expiresAt,
      Map<String, Object> attributes,
      List<String> lockedAttributes,
      List<String> roles) {
    return new InvitationGranted(
        id,
        source,
        Instant.parse(time),
        EmailKey.of(email),
        Optional.ofNullable(applicationId),
        Optional.ofNullable(expiresAt).map(Instant::parse),
        attributes,
        lockedAttributes,
        roles);
  }

  static Stream<String> validSamples() {
    return GoldenSamples.list("events/valid").stream();
  }

  static Stream<String> invalidSamples() {
    return GoldenSamples.list("events/invalid").stream()
        .filter(path -> !path.endsWith(".expected.json"));
  }

  @Test
  void everyValidSampleHasAnExpectedEvent_andViceVersa() {
    assertThat(validSamples().map(path -> path.substring(path.lastIndexOf('/') + 1)))
        .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSamples")
  void parsesValidSample_toTheExpectedEvent(String path) {
    ParseResult result = parser.parse(GoldenSamples.read(path));

    assertThat(result)
        .isEqualTo(new ParseResult.Parsed(EXPECTED.get(path.substring(path.lastIndexOf('/') + 1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSamples")
  void parsesTheSameFromBytesAsFromText(String path) {
    String json = GoldenSamples.read(path);

    assertThat(parser.parse(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(parser.parse(json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSamples")
  void rejectsInvalidSample_withExactlyTheExpectedViolations(String path) throws IOException {
    JsonNode expected =
        new ObjectMapper().readTree(GoldenSamples.read(path.replace(".json", ".expected.json")));
    var violations = new ArrayList<Violation>();
    expected
        .get("violations")
        .forEach(
            v -> violations.add(new Violation(v.get("path").asText(), v.get("problem").asText())));

    ParseResult result = parser.parse(GoldenSamples.read(path));

    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    var rejected = (ParseResult.Invalid) result;
    assertThat(rejected.code().code()).isEqualTo(expected.get("code").asText());
    assertThat(rejected.violations()).containsExactlyElementsOf(violations);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSamples")
  void neverEchoesTheAddressInARejection(String path) {
    var rejected = (ParseResult.Invalid) parser.parse(GoldenSamples.read(path));

    assertThat(rejected.description()).doesNotContain("@example");
  }

  @Test
  void describesEveryViolationOnOneLine() {
    var rejected =
        new ParseResult.Invalid(
            RejectionCode.INVALID_EVENT,
            List.of(
                new Violation("data.email", "not an email address (missing '@')"),
                new Violation("time", "required")));

    assertThat(rejected.description())
        .isEqualTo("data.email: not an email address (missing '@'); time: required");
  }

  @Test
  void rejectsAnEmptyBody_asMalformed() {
    assertThat(parser.parse("  \n")).isEqualTo(malformed("empty body"));
    assertThat(parser.parse(new byte[0])).isEqualTo(malformed("empty body"));
  }

  @Test
  void rejectsTrailingContent_asMalformed() {
    ParseResult result = parser.parse(event("{\"email\":\"a@example.com\"}") + " {}");

    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    assertThat(((ParseResult.Invalid) result).code()).isEqualTo(RejectionCode.MALFORMED_JSON);
  }

  @Test
  void malformedJsonNeverQuotesTheInput() {
    var rejected = (ParseResult.Invalid) parser.parse("{\"data\":{\"email\": alice@example.com}}");

    assertThat(rejected.code()).isEqualTo(RejectionCode.MALFORMED_JSON);
    assertThat(rejected.description()).doesNotContain("alice");
  }

  @Test
  void acceptsIntegralDecimals_asJsonSchemaDoes() {
    var parsed =
        parser.parse(event("{\"email\":\"a@example.com\",\"attributes\":{\"n\":2.0,\"m\":1E3}}"));

    assertThat(parsed)
        .isInstanceOfSatisfying(
            ParseResult.Parsed.class,
            p ->
                assertThat(((InvitationGranted) p.event()).attributes())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("n", 2L, "m", 1000L)));
  }

  @Test
  void acceptsTheInt64Extremes() {
    var parsed =
        parser.parse(
            event(
                "{\"email\":\"a@example.com\",\"attributes\":{\"min\":-9223372036854775808,"
                    + "\"max\":9223372036854775807}}"));

    assertThat(parsed)
        .isInstanceOfSatisfying(
            ParseResult.Parsed.class,
            p ->
                assertThat(((InvitationGranted) p.event()).attributes())
                    .containsEntry("min", Long.MIN_VALUE)
                    .containsEntry("max", Long.MAX_VALUE));
  }

  @Test
  void enforcesEntraAttributeLimits() {
    String manyAttributes =
        IntStream.range(0, 101)
            .mapToObj(i -> "\"a" + i + "\":" + i)
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    String json =
        event(
            "{\"email\":\"a@example.com\",\"attributes\":{"
                + manyAttributes
                + ",\"long\":\""
                + "x".repeat(1025)
                + "\",\""
                + "n".repeat(257)
                + "\":1,\"\":true,\"odd name\":[]}}");

    assertThat(violations(json))
        .containsExactly(
            new Violation("data.attributes", "more than 100 attributes"),
            new Violation("data.attributes.long", "longer than 1024 characters"),
            new Violation("data.attributes", "an attribute name is longer than 256 characters"),
            new Violation("data.attributes[\"\"]", "attribute name must not be blank"),
            new Violation(
                "data.attributes[\"odd name\"]", "must be a string, an integer or a boolean"));
  }

  @Test
  void enforcesRoleAndIdLimits() {
    String roles =
        IntStream.range(0, 101)
            .mapToObj(i -> "\"r" + i + "\"")
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    String json =
        event("{\"email\":\"a@example.com\",\"roles\":[" + roles + ",\"" + "r".repeat(257) + "\"]}")
            .replace("\"id\":\"e1\"", "\"id\":\"" + "i".repeat(257) + "\"");

    assertThat(violations(json))
        .containsExactly(
            new Violation("id", "longer than 256 characters"),
            new Violation("data.roles", "more than 100 roles"),
            new Violation("data.roles[101]", "longer than 256 characters"));
  }

  /** A roles array of {@code count} roles that takes exactly {@code bytes} as compact JSON. */
  private static String rolesOfBytes(int count, int bytes) {
    // [ + count quoted roles + (count - 1) commas + ]
    int characters = bytes - 2 - 2 * count - (count - 1);
    List<String> roles = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int length = characters / count + (i < characters % count ? 1 : 0);
      roles.add("\"" + "r".repeat(length) + "\"");
    }
    return "[" + String.join(",", roles) + "]";
  }

  @Test
  void acceptsRoles_thatTakeExactly2900BytesAsJson() {
    String roles = rolesOfBytes(12, 2_900);
    assertThat(roles.getBytes(StandardCharsets.UTF_8)).hasSize(2_900);
    ParseResult result =
        parser.parse(event("{\"email\":\"a@example.com\",\"roles\":" + roles + "}"));
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  void rejectsRoles_thatTakeOneByteMoreThanFitsInEntrasTokenClaims() {
    String roles = rolesOfBytes(12, 2_901);
    assertThat(violations(event("{\"email\":\"a@example.com\",\"roles\":" + roles + "}")))
        .containsExactly(
            new Violation(
                "data.roles",
                "take 2901 bytes as JSON; at most 2900 fit in the 3 KB of claims Entra accepts in a"
                    + " token"));
  }

  @Test
  void countsRoleBytes_asUtf8WithJsonEscapes() {
    // 24 roles of a quote and 60 two-byte letters: 1,537 characters as JSON, but 3,001 bytes.
    String role = "\\\"" + "é".repeat(60);
    String roles =
        IntStream.range(0, 24)
            .mapToObj(i -> "\"" + role + "\"")
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    assertThat(violations(event("{\"email\":\"a@example.com\",\"roles\":[" + roles + "]}")))
        .extracting(Violation::path)
        .containsExactly("data.roles");
  }

  @Test
  void reportsDuplicateLockedAttributes() {
    String json =
        event(
            "{\"email\":\"a@example.com\",\"attributes\":{\"displayName\":\"A\"},"
                + "\"lockedAttributes\":[\"displayName\",\"displayName\",3]}");

    assertThat(violations(json))
        .containsExactly(
            new Violation("data.lockedAttributes[1]", "duplicate"),
            new Violation("data.lockedAttributes[2]", "must be a string"));
  }

  @Test
  void acceptsMediaTypeParameters_inDataContentType() {
    String json =
        event("{\"email\":\"a@example.com\"}")
            .replace(
                "{\"specversion\"",
                "{\"datacontenttype\":\"Application/JSON; charset=utf-8\",\"specversion\"");

    assertThat(parser.parse(json)).isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  void reportsEnvelopeViolations_evenForAnUnsupportedType() {
    String json =
        event("{\"email\":\"a@example.com\"}")
            .replace(InvitationEvent.TYPE_GRANTED, "com.example.other")
            .replace("\"time\":\"2026-01-01T00:00:00Z\"", "\"time\":42");

    var rejected = (ParseResult.Invalid) parser.parse(json);

    assertThat(rejected.code()).isEqualTo(RejectionCode.UNSUPPORTED_TYPE);
    assertThat(rejected.violations()).extracting(Violation::path).containsExactly("type", "time");
  }

  @Test
  void reportsMissingType_asInvalidEvent_checkingOnlyTheDataFieldsCommonToBothTypes() {
    String json =
        event("{\"email\":\"nobody\",\"roles\":[\"\"]}")
            .replace("\"type\":\"" + InvitationEvent.TYPE_GRANTED + "\",", "");

    var rejected = (ParseResult.Invalid) parser.parse(json);

    assertThat(rejected.code()).isEqualTo(RejectionCode.INVALID_EVENT);
    assertThat(rejected.violations())
        .containsExactly(
            new Violation("type", "required"),
            new Violation("data.email", "not an email address (missing '@')"));
  }

  private List<Violation> violations(String json) {
    ParseResult result = parser.parse(json);
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid) result).violations();
  }

  private static ParseResult malformed(String problem) {
    return new ParseResult.Invalid(
        RejectionCode.MALFORMED_JSON, List.of(new Violation("$", problem)));
  }

  private static String event(String data) {
    return "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/test\",\"type\":\""
        + InvitationEvent.TYPE_GRANTED
        + "\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":"
        + data
        + "}";
  }

  @Test
  void parseTime_takesAnRfc3339DateTimeWithAnOffset_only() {
    assertThat(InvitationEventParser.parseTime("2026-01-31T09:30:00+01:00"))
        .hasValue(Instant.parse("2026-01-31T08:30:00Z"));
    assertThat(InvitationEventParser.parseTime("2026-01-31T09:30:00.5z"))
        .hasValue(Instant.parse("2026-01-31T09:30:00.500Z"));
    assertThat(InvitationEventParser.parseTime("2026-01-31T09:30:00")).isEmpty();
    assertThat(InvitationEventParser.parseTime("2026-01-31")).isEmpty();
    assertThat(InvitationEventParser.parseTime("31/01/2026 09:30")).isEmpty();
  }
}
