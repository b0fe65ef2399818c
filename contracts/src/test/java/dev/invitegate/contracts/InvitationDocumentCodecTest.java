package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitegate.contracts.samples.GoldenSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InvitationDocumentCodecTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String APP = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";

  static Stream<String> documentSamples() {
    return GoldenSamples.list("documents").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentSamples")
  void goldenDocumentRoundTrips_withoutCosmosSystemFields(String path) throws IOException {
    JsonNode stored = MAPPER.readTree(GoldenSamples.read(path));
    ObjectNode withoutSystemFields = ((ObjectNode) stored.deepCopy());
    withoutSystemFields.remove(List.of("_rid", "_self", "_etag", "_attachments", "_ts"));

    InvitationDocument document = InvitationDocumentCodec.fromJson(stored);

    assertThat(MAPPER.readTree(InvitationDocumentCodec.toJsonString(document)))
        .isEqualTo(withoutSystemFields);
    assertThat(InvitationDocumentCodec.fromJson(InvitationDocumentCodec.toJsonString(document)))
        .isEqualTo(document);
  }

  @Test
  void decodesTheTypicalDocument() {
    InvitationDocument document =
        InvitationDocumentCodec.fromJson(GoldenSamples.read("documents/typical.json"));

    assertThat(document.id()).isEqualTo(EmailKey.of("bob.jones@example.org"));
    assertThat(document.scopes()).containsOnlyKeys("*", APP);
    ScopeEntry all = document.scopes().get("*");
    assertThat(all.granted()).isTrue();
    assertThat(all.expiresAt()).contains(Instant.parse("2026-06-30T23:59:59Z"));
    assertThat(all.attributes())
        .containsEntry("displayName", "Bob Jones")
        .containsEntry("extension_6e4c2a089d1f4b7e8c35a2f0d6b4e917_CohortYear", 2025L)
        .containsEntry("extension_6e4c2a089d1f4b7e8c35a2f0d6b4e917_IsAlumnus", true);
    assertThat(all.lockedAttributes()).containsExactly("displayName");
    assertThat(all.roles()).containsExactly("beta-tester");
    assertThat(document.scopes().get(APP))
        .isEqualTo(
            new ScopeEntry(
                "evt-2026-02-02-0042",
                Instant.parse("2026-02-02T17:00:00Z"),
                false,
                Optional.empty(),
                Map.of(),
                List.of(),
                List.of()));
  }

  @Test
  void ignoresCosmosSystemFields() {
    String json = GoldenSamples.read("documents/with-cosmos-system-fields.json");
    ObjectNode stripped = (ObjectNode) readTree(json);
    stripped.remove(List.of("_rid", "_self", "_etag", "_attachments", "_ts"));

    assertThat(InvitationDocumentCodec.fromJson(json))
        .isEqualTo(InvitationDocumentCodec.fromJson(stripped));
  }

  @Test
  void typicalDocumentIsWellUnderOneKilobyte() {
    InvitationDocument document =
        InvitationDocumentCodec.fromJson(GoldenSamples.read("documents/typical.json"));

    int bytes =
        InvitationDocumentCodec.toJsonString(document).getBytes(StandardCharsets.UTF_8).length;

    System.out.println("typical invitation document: " + bytes + " bytes");
    assertThat(bytes).isLessThan(1024);
  }

  @Test
  void omitsEmptyFields_andWritesScopesAndAttributesInKeyOrder() {
    var attributes = new LinkedHashMap<String, Object>();
    attributes.put("zeta", "z");
    attributes.put("alpha", 1L);
    var document =
        new InvitationDocument(
            EmailKey.of("alice@example.com"),
            Map.of(
                APP,
                new ScopeEntry(
                    "e2",
                    Instant.parse("2026-01-02T00:00:00Z"),
                    false,
                    Optional.empty(),
                    Map.of(),
                    List.of(),
                    List.of()),
                "*",
                new ScopeEntry(
                    "e1",
                    Instant.parse("2026-01-01T00:00:00Z"),
                    true,
                    Optional.empty(),
                    attributes,
                    List.of(),
                    List.of())));

    assertThat(InvitationDocumentCodec.toJsonString(document))
        .isEqualTo(
            "{\"id\":\"alice@example.com\",\"schemaVersion\":1,\"scopes\":{"
                + "\"*\":{\"eventId\":\"e1\",\"time\":\"2026-01-01T00:00:00Z\",\"state\":\"granted\","
                + "\"attributes\":{\"alpha\":1,\"zeta\":\"z\"}},"
                + "\""
                + APP
                + "\":{\"eventId\":\"e2\",\"time\":\"2026-01-02T00:00:00Z\",\"state\":\"revoked\"}}}");
  }

  @Test
  void rejectsAnotherSchemaVersion_namingTheField() {
    assertThatThrownBy(
            () ->
                InvitationDocumentCodec.fromJson(
                    "{\"id\":\"a@example.com\",\"schemaVersion\":2,\"scopes\":{}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schemaVersion");
  }

  @Test
  void rejectsAnIdThatIsNotANormalisedKey_withoutRepeatingIt() {
    assertThatThrownBy(
            () ->
                InvitationDocumentCodec.fromJson(
                    "{\"id\":\"Alice@Example.com\",\"schemaVersion\":1,\"scopes\":{}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id")
        .hasMessageNotContaining("Alice");
  }

  @Test
  void rejectsABrokenScopeEntry_namingItsPath() {
    assertThatThrownBy(
            () ->
                InvitationDocumentCodec.fromJson(
                    "{\"id\":\"a@example.com\",\"schemaVersion\":1,\"scopes\":{\"*\":"
                        + "{\"eventId\":\"e\",\"time\":\"2026-01-01T00:00:00Z\",\"state\":\"paused\"}}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scopes[\"*\"].state");
  }

  private static JsonNode readTree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
