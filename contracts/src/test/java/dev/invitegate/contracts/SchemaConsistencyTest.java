package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.invitegate.contracts.samples.GoldenSamples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the published JSON Schemas and the parser telling the same story: upstream teams validate
 * against the schemas, Invite Gate against the parser.
 */
class SchemaConsistencyTest {

  /**
   * Invalid samples whose problem JSON Schema cannot express; each is still rejected by the parser
   * (see InvitationEventParserTest).
   */
  private static final Set<String> NOT_EXPRESSIBLE_IN_SCHEMA =
      Set.of(
          // A JSON Schema validator sees a parsed tree, in which a repeated key has already won.
          "duplicate-key.json",
          // Cross-field rule: each locked name must be a key of data.attributes.
          "locked-attribute-not-in-attributes.json");

  private static final String SCHEMA_DIR = "/dev/invitegate/contracts/schema/";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchema GRANTED = schema("invitation-granted.schema.json");
  private static final JsonSchema REVOKED = schema("invitation-revoked.schema.json");
  private static final JsonSchema DOCUMENT = schema("invitation-document.schema.json");

  private static JsonSchema schema(String name) {
    var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = SchemaConsistencyTest.class.getResourceAsStream(SCHEMA_DIR + name)) {
      assertThat(in).as(name + " in the main resources").isNotNull();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<String> validSamples() {
    return GoldenSamples.list("events/valid").stream();
  }

  static Stream<String> invalidSamples() {
    return GoldenSamples.list("events/invalid").stream()
        .filter(path -> !path.endsWith(".expected.json"))
        .filter(
            path -> !NOT_EXPRESSIBLE_IN_SCHEMA.contains(path.substring(path.lastIndexOf('/') + 1)));
  }

  static Stream<String> documentSamples() {
    return GoldenSamples.list("documents").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSamples")
  void validSampleConformsToTheSchemaOfItsType(String path) throws JsonProcessingException {
    JsonNode event = MAPPER.readTree(GoldenSamples.read(path));
    JsonSchema schema =
        event.get("type").asText().equals(InvitationEvent.TYPE_GRANTED) ? GRANTED : REVOKED;

    assertThat(schema.validate(event)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSamples")
  void invalidSampleConformsToNeitherSchema(String path) {
    JsonNode event;
    try {
      event = MAPPER.readTree(GoldenSamples.read(path));
    } catch (JsonProcessingException e) {
      return; // not JSON at all: no schema can accept it
    }

    Set<ValidationMessage> granted = GRANTED.validate(event);
    Set<ValidationMessage> revoked = REVOKED.validate(event);

    assertThat(granted).as("granted schema").isNotEmpty();
    assertThat(revoked).as("revoked schema").isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSamples")
  void writtenEventConformsToTheSchemaOfItsType(String path) throws IOException {
    var parsed = (ParseResult.Parsed) new InvitationEventParser().parse(GoldenSamples.read(path));
    JsonNode written = MAPPER.readTree(new InvitationEventWriter().write(parsed.event()));
    JsonSchema schema = parsed.event() instanceof InvitationGranted ? GRANTED : REVOKED;

    assertThat(schema.validate(written)).isEmpty();
  }

  @Test
  void theNotExpressibleListNamesOnlyExistingSamples() {
    assertThat(GoldenSamples.list("events/invalid"))
        .map(path -> path.substring(path.lastIndexOf('/') + 1))
        .containsAll(NOT_EXPRESSIBLE_IN_SCHEMA);
  }

  @Test
  void schemaCannotSeeTheCrossFieldRule_soTheParserMustEnforceIt() throws JsonProcessingException {
    String path = "events/invalid/locked-attribute-not-in-attributes.json";

    assertThat(GRANTED.validate(MAPPER.readTree(GoldenSamples.read(path)))).isEmpty();
    assertThat(new InvitationEventParser().parse(GoldenSamples.read(path)))
        .isInstanceOf(ParseResult.Invalid.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentSamples")
  void documentSampleConformsToTheDocumentSchema(String path) throws JsonProcessingException {
    assertThat(DOCUMENT.validate(MAPPER.readTree(GoldenSamples.read(path)))).isEmpty();
  }

  @Test
  void encodedDocumentsConformToTheDocumentSchema() {
    var document = InvitationDocumentCodec.fromJson(GoldenSamples.read("documents/typical.json"));

    assertThat(DOCUMENT.validate(InvitationDocumentCodec.toJson(document))).isEmpty();
  }

  @Test
  void revokeEntryWithGrantDetails_violatesTheDocumentSchema() throws JsonProcessingException {
    JsonNode document =
        MAPPER.readTree(
            "{\"id\":\"a@example.com\",\"schemaVersion\":1,\"scopes\":{\"*\":{\"eventId\":\"e\","
                + "\"time\":\"2026-01-01T00:00:00Z\",\"state\":\"revoked\",\"roles\":[\"x\"]}}}");

    assertThat(DOCUMENT.validate(document)).isNotEmpty();
  }
}
