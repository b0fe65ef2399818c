package dev.invitegate.responder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.ScopeEntry;
import dev.invitegate.responder.entra.EntraEventParser;
import dev.invitegate.responder.entra.EntraResponses;
import dev.invitegate.responder.entra.ParsedEvent;
import dev.invitegate.responder.signup.InMemoryInvitations;
import dev.invitegate.responder.signup.InviteCodeAttribute;
import dev.invitegate.responder.signup.Messages;
import dev.invitegate.responder.signup.SignUpGate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Submit checks from Entra's payload to the answer: the invitation code and locked attributes
 * under every name form and every way of leaving a value out. Each case starts from reference
 * vector 7 (invited, right code) and changes one thing.
 */
class SubmitCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f";
  private static final String EXTENSION_CODE = "extension_" + APP + "_InviteCode";
  private static final String SUBMIT = "microsoft.graph.attributeCollectionSubmit.";
  private static final EmailKey ALICE = EmailKey.of("alice@example.com");

  /** The answer to vector 7 changed by {@code change}, for an invitation with these attributes. */
  private static JsonNode answer(
      Map<String, Object> invited, List<String> locked, Consumer<ObjectNode> change) {
    ObjectNode request =
        (ObjectNode) TestResources.json("vectors/07-submit-invited-code-matches/request.json");
    ObjectNode attributes =
        (ObjectNode) request.path("data").path("userSignUpInfo").path("attributes");
    change.accept(attributes);
    InMemoryInvitations store =
        new InMemoryInvitations(
            List.of(
                new InvitationDocument(
                    ALICE,
                    Map.of(
                        "*",
                        new ScopeEntry(
                            "e1",
                            EntraVectorsTest.CLOCK.instant().minusSeconds(60),
                            true,
                            Optional.empty(),
                            invited,
                            locked,
                            List.of())))));
    SignUpGate gate =
        new SignUpGate(
            store,
            EntraVectorsTest.CLOCK,
            Messages.defaults(),
            new InviteCodeAttribute("InviteCode"));
    try {
      var parsed =
          (ParsedEvent.Parsed) new EntraEventParser().parse(JSON.writeValueAsBytes(request));
      var decision = gate.decide(parsed.event().request(), Duration.ofMillis(500));
      return new EntraResponses()
          .render(parsed.event().request().kind(), decision.action())
          .body()
          .path("data")
          .path("actions")
          .get(0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, Object> code(String name, String value) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("displayName", "alice example");
    attributes.put(name, value);
    return attributes;
  }

  private static Consumer<ObjectNode> submitted(String name, JsonNode value) {
    return attributes -> {
      attributes.remove(EXTENSION_CODE);
      if (name != null) {
        ObjectNode holder = attributes.putObject(name);
        holder.put("@odata.type", "microsoft.graph.stringDirectoryAttributeValue");
        if (value != null) {
          holder.set("value", value);
        }
        holder.put("attributeType", "directorySchemaExtension");
      }
    };
  }

  static Stream<Arguments> codeNameForms() {
    String[] invitedNames = {
      "InviteCode", EXTENSION_CODE, "invitecode", "EXTENSION_" + APP.toUpperCase() + "_INVITECODE"
    };
    String[] submittedNames = {EXTENSION_CODE, "InviteCode", "extension_" + APP + "_invitecode"};
    return Stream.of(invitedNames)
        .flatMap(invited -> Stream.of(submittedNames).map(sent -> Arguments.of(invited, sent)));
  }

  @ParameterizedTest(name = "invited as {0}, sent as {1}")
  @MethodSource("codeNameForms")
  void refusesAWrongOrAbsentCode_underEveryNameForm(String invitedName, String sentName) {
    var text = JSON.getNodeFactory();
    Map<String, Object> invited = code(invitedName, "K7Q2-M9XD");
    Map<String, JsonNode> wrongValues = new LinkedHashMap<>();
    wrongValues.put("wrong", text.textNode("ZZZZ-0000"));
    wrongValues.put("empty", text.textNode(""));
    wrongValues.put("blank", text.textNode("   "));
    wrongValues.put("null", text.nullNode());
    wrongValues.put("no value", null);
    wrongValues.put("a number", text.numberNode(7));
    wrongValues.put("an object", text.objectNode());
    wrongValues.forEach(
        (label, value) -> {
          JsonNode action = answer(invited, List.of(), submitted(sentName, value));
          assertThat(action.path("@odata.type").asText())
              .as(label)
              .isEqualTo(SUBMIT + "showValidationError");
          assertThat(action.path("attributeErrors").has(sentName)).as(label).isTrue();
        });
    JsonNode missing = answer(invited, List.of(), submitted(null, null));
    assertThat(missing.path("@odata.type").asText())
        .as("no code attribute at all")
        .isEqualTo(SUBMIT + "showValidationError");
    assertThat(missing.path("attributeErrors").has(invitedName)).isTrue();
  }

  @ParameterizedTest(name = "invited as {0}, sent as {1}")
  @MethodSource("codeNameForms")
  void acceptsTheRightCode_typedWithBlanksAndOtherCase_underEveryNameForm(
      String invitedName, String sentName) {
    var text = JSON.getNodeFactory();
    Map<String, Object> invited = code(invitedName, "K7Q2-M9XD");
    JsonNode exact = answer(invited, List.of(), submitted(sentName, text.textNode("K7Q2-M9XD")));
    assertThat(exact.path("@odata.type").asText())
        .isEqualTo(SUBMIT + "continueWithDefaultBehavior");
    JsonNode loose = answer(invited, List.of(), submitted(sentName, text.textNode("  k7q2-m9xd ")));
    assertThat(loose.path("@odata.type").asText()).isEqualTo(SUBMIT + "modifyAttributeValues");
    assertThat(loose.path("attributes").path(sentName).asText()).isEqualTo("K7Q2-M9XD");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clearedValues")
  void restoresALockedAttribute_clearedOrLeftOut(String label, Consumer<ObjectNode> change) {
    JsonNode action =
        answer(
            Map.of("displayName", "Alice Example", EXTENSION_CODE, "K7Q2-M9XD"),
            List.of("displayName"),
            change);
    assertThat(action.path("@odata.type").asText()).isEqualTo(SUBMIT + "modifyAttributeValues");
    assertThat(action.path("attributes").path("displayName").asText()).isEqualTo("Alice Example");
  }

  static Stream<Arguments> clearedValues() {
    Consumer<ObjectNode> removed = attributes -> attributes.remove("displayName");
    Consumer<ObjectNode> nulled =
        attributes -> ((ObjectNode) attributes.get("displayName")).putNull("value");
    Consumer<ObjectNode> emptied =
        attributes -> ((ObjectNode) attributes.get("displayName")).put("value", "");
    Consumer<ObjectNode> changed =
        attributes -> ((ObjectNode) attributes.get("displayName")).put("value", "Mallory");
    return Stream.of(
        Arguments.of("absent", removed),
        Arguments.of("null", nulled),
        Arguments.of("empty", emptied),
        Arguments.of("changed", changed));
  }

  @Test
  void restoresALockedCustomAttribute_storedByItsBareName() {
    String cohort = "extension_" + APP + "_CohortYear";
    JsonNode changed =
        answer(
            Map.of(
                "CohortYear", 2024L, EXTENSION_CODE, "K7Q2-M9XD", "displayName", "alice example"),
            List.of("CohortYear"),
            attributes -> {});
    assertThat(changed.path("attributes").path(cohort).asLong()).isEqualTo(2024L);
  }
}
