package dev.invitegate.responder.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.responder.entra.TestTokens;
import java.io.IOException;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.LogRecord;

/**
 * What every answer of the responder must satisfy, whatever the body: no server error and no
 * escaped exception; a 200 carries exactly one action valid for the event; nothing is admitted
 * unless the body carries the address of an invitation live for the application; a valid token is
 * only refused for a body of another tenant. Judged from the body as sent, read independently of
 * the responder's parser, and from the invitations the gate read.
 */
final class Invariants {

  private static final String START = "microsoft.graph.attributeCollectionStart.";
  private static final String SUBMIT = "microsoft.graph.attributeCollectionSubmit.";
  private static final String TOKEN = "microsoft.graph.tokenIssuanceStart.";

  /** Response data type, the event label it answers, and the actions allowed for that event. */
  private record Event(String label, Set<String> actions, Set<String> admitting) {}

  private static final Map<String, Event> EVENTS =
      Map.of(
          "microsoft.graph.onAttributeCollectionStartResponseData",
          new Event(
              "attributeCollectionStart",
              Set.of(
                  START + "continueWithDefaultBehavior",
                  START + "setPrefillValues",
                  START + "showBlockPage"),
              Set.of(START + "continueWithDefaultBehavior", START + "setPrefillValues")),
          "microsoft.graph.onAttributeCollectionSubmitResponseData",
          new Event(
              "attributeCollectionSubmit",
              Set.of(
                  SUBMIT + "continueWithDefaultBehavior",
                  SUBMIT + "modifyAttributeValues",
                  SUBMIT + "showValidationError",
                  SUBMIT + "showBlockPage"),
              Set.of(SUBMIT + "continueWithDefaultBehavior", SUBMIT + "modifyAttributeValues")),
          "microsoft.graph.onTokenIssuanceStartResponseData",
          new Event("tokenIssuanceStart", Set.of(TOKEN + "provideClaimsForToken"), Set.of()));

  private static final Set<Integer> EXPECTED_STATUSES = Set.of(200, 400, 401, 413);

  /** Reads what the responder may refuse to read: deeper, longer, duplicate keys (last wins). */
  private static final ObjectMapper LENIENT =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(100_000)
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxNumberLength(Integer.MAX_VALUE)
                          .build())
                  .build())
          .build();

  private static final ObjectMapper ANSWERS = new ObjectMapper();

  private Invariants() {}

  /**
   * Checks one call.
   *
   * @param reads the invitation keys the gate read during the call
   * @param logged records of level SEVERE, or with an exception, logged during the call
   * @throws AssertionError naming the broken invariant, never an address or a token
   */
  static void check(
      byte[] body, LoopbackClient.Answer answer, List<EmailKey> reads, List<LogRecord> logged) {
    if (!logged.isEmpty()) {
      LogRecord first = logged.getFirst();
      throw new AssertionError(
          "the responder logged a failure ("
              + first.getLoggerName()
              + ": "
              + first.getMessage()
              + ") and answered "
              + answer.status(),
          first.getThrown());
    }
    if (answer.status() >= 500) {
      throw new AssertionError("a server error: " + answer.status() + " " + answer.text());
    }
    if (!EXPECTED_STATUSES.contains(answer.status())) {
      throw new AssertionError("an unexpected status: " + answer.status() + " " + answer.text());
    }
    if (reads.size() > 1) {
      throw new AssertionError("one call read " + reads.size() + " invitations");
    }
    Payload payload = Payload.of(body);
    if (answer.status() != 200) {
      checkError(answer, payload);
      return;
    }
    JsonNode data = json(answer).path("data");
    String dataType = data.path("@odata.type").asText();
    Event event = EVENTS.get(dataType);
    if (event == null) {
      throw new AssertionError("a 200 with response data type " + dataType);
    }
    if (!payload.names(event.label())) {
      throw new AssertionError("a " + event.label() + " answer to a body that names another event");
    }
    JsonNode actions = data.path("actions");
    if (!actions.isArray() || actions.size() != 1) {
      throw new AssertionError("a 200 without exactly one action: " + actions.size());
    }
    JsonNode action = actions.get(0);
    String actionType = action.path("@odata.type").asText();
    if (!event.actions().contains(actionType)) {
      throw new AssertionError("action " + actionType + " is not one of " + event.label());
    }
    boolean admitted =
        event.admitting().contains(actionType)
            || (actionType.equals(TOKEN + "provideClaimsForToken") && claimsAdmit(action));
    if (admitted) {
      checkAdmission(actionType, reads, payload);
      if (event.label().equals("attributeCollectionSubmit")) {
        checkSubmitAdmission(actionType, action, reads.getFirst(), payload);
      }
    }
  }

  private static void checkError(LoopbackClient.Answer answer, Payload payload) {
    if (answer.text().contains("Exception") || answer.text().contains("\tat ")) {
      throw new AssertionError("a " + answer.status() + " that shows internals: " + answer.text());
    }
    // Helidon refuses an oversized body itself, before the routing's error mapping: its 413 is
    // plain text. Every other error is the routing's JSON.
    if (answer.status() != 413 && !json(answer).path("error").isTextual()) {
      throw new AssertionError("a " + answer.status() + " without an error name: " + answer.text());
    }
    if (answer.status() == 401 && payload.tenant().equals(Optional.of(TestTokens.TENANT))) {
      throw new AssertionError("a valid token refused for a body of its own tenant");
    }
  }

  /** Token issuance admits when it says "invited"; the claims are strings or string lists. */
  private static boolean claimsAdmit(JsonNode action) {
    JsonNode claims = action.path("claims");
    if (!claims.isObject() || !claims.path("inviteStatus").isTextual()) {
      throw new AssertionError("provideClaimsForToken without an inviteStatus claim");
    }
    for (Map.Entry<String, JsonNode> claim : claims.properties()) {
      JsonNode value = claim.getValue();
      boolean strings = value.isArray();
      for (JsonNode element : value) {
        strings &= element.isTextual();
      }
      if (!value.isTextual() && !strings) {
        throw new AssertionError("claim " + claim.getKey() + " is neither a string nor strings");
      }
    }
    return claims.path("inviteStatus").asText().equals("invited");
  }

  private static void checkAdmission(String actionType, List<EmailKey> reads, Payload payload) {
    if (reads.size() != 1) {
      throw new AssertionError(actionType + " after reading " + reads.size() + " invitations");
    }
    EmailKey key = reads.getFirst();
    Optional<String> application = payload.application();
    if (!Invitee.admits(key, application)) {
      throw new AssertionError(
          actionType
              + " on the invitation of "
              + Invitee.describe(key)
              + ", not live for application "
              + application.orElse("(none)"));
    }
    if (!payload.strings().contains(key.value())) {
      throw new AssertionError(
          actionType
              + " on the invitation of "
              + Invitee.describe(key)
              + ", whose address the body does not carry");
    }
  }

  /**
   * A Submit admitted for an invitation that holds a code carried that code; one that continued
   * without putting locked values back carried them. Necessary conditions, checked on the body's
   * strings without the responder's rules for names.
   */
  private static void checkSubmitAdmission(
      String actionType, JsonNode action, EmailKey key, Payload payload) {
    Optional<String> code = Invitee.inviteCode(key);
    if (code.isPresent() && !payload.strings().contains(Payload.normalised(code.get()))) {
      throw new AssertionError(
          actionType
              + " for "
              + Invitee.describe(key)
              + ", whose invitation holds a code the body does not carry");
    }
    if (actionType.equals(SUBMIT + "continueWithDefaultBehavior")) {
      for (String locked : Invitee.lockedValues(key)) {
        if (!payload.strings().contains(Payload.normalised(locked))) {
          throw new AssertionError(
              "continue for "
                  + Invitee.describe(key)
                  + " without its locked value, neither submitted nor put back");
        }
      }
    }
  }

  private static JsonNode json(LoopbackClient.Answer answer) {
    try {
      JsonNode node = ANSWERS.readTree(answer.body());
      if (node == null || !node.isObject()) {
        throw new AssertionError("a " + answer.status() + " whose body is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new AssertionError("a " + answer.status() + " whose body is not JSON", e);
    }
  }

  /** The body as sent, read leniently and without the responder's parser. */
  private record Payload(JsonNode tree, Set<String> strings) {

    static Payload of(byte[] body) {
      JsonNode tree;
      try {
        tree = LENIENT.readTree(body);
      } catch (IOException | RuntimeException e) {
        tree = null;
      }
      return new Payload(tree == null ? LENIENT.missingNode() : tree, strings(body));
    }

    /** Every string value, duplicates included, trimmed, NFC-normalised and lower-cased. */
    private static Set<String> strings(byte[] body) {
      Set<String> strings = new HashSet<>();
      try (JsonParser parser = LENIENT.createParser(body)) {
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
          if (token == JsonToken.VALUE_STRING) {
            strings.add(normalised(parser.getText()));
          }
        }
      } catch (IOException | RuntimeException e) {
        // What was read before the body stopped being JSON is what the body carries.
      }
      return strings;
    }

    static String normalised(String text) {
      String lower =
          Normalizer.normalize(text.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
      return Normalizer.normalize(lower, Normalizer.Form.NFC);
    }

    Optional<String> application() {
      JsonNode appId =
          tree.path("data")
              .path("authenticationContext")
              .path("clientServicePrincipal")
              .path("appId");
      return appId.isTextual()
          ? Optional.of(appId.textValue().strip().toLowerCase(Locale.ROOT))
              .filter(id -> !id.isEmpty())
          : Optional.empty();
    }

    Optional<String> tenant() {
      JsonNode tenant = tree.path("data").path("tenantId");
      return tenant.isTextual()
          ? Optional.of(tenant.textValue().strip().toLowerCase(Locale.ROOT))
          : Optional.empty();
    }

    /** Whether the body asks for the event {@code label}: by type, or by data's @odata.type. */
    boolean names(String label) {
      JsonNode type = tree.path("type");
      if (type.isTextual()) {
        return type.textValue().equals("microsoft.graph.authenticationEvent." + label);
      }
      JsonNode dataType = tree.path("data").path("@odata.type");
      return dataType.isTextual()
          && dataType.textValue().toLowerCase(Locale.ROOT).contains(label.toLowerCase(Locale.ROOT));
    }
  }
}
