package dev.invitegate.responder.entra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitegate.responder.signup.EventKind;
import dev.invitegate.responder.signup.Verdict;

/** Writes the response body: exactly one action of the type valid for the event. */
public final class EntraResponses {

  private static final String START = "microsoft.graph.attributeCollectionStart.";
  private static final String SUBMIT = "microsoft.graph.attributeCollectionSubmit.";
  private static final String TOKEN = "microsoft.graph.tokenIssuanceStart.";

  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * The JSON for {@code verdict}.
   *
   * @throws IllegalArgumentException if the verdict has no action for this event, a bug
   */
  public byte[] render(EventKind kind, Verdict verdict) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode data = root.putObject("data");
    data.put("@odata.type", responseDataType(kind));
    ArrayNode actions = data.putArray("actions");
    actions.add(action(kind, verdict));
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings, numbers and booleans always writes", e);
    }
  }

  private static String responseDataType(EventKind kind) {
    return switch (kind) {
      case ATTRIBUTE_COLLECTION_START -> "microsoft.graph.onAttributeCollectionStartResponseData";
      case ATTRIBUTE_COLLECTION_SUBMIT -> "microsoft.graph.onAttributeCollectionSubmitResponseData";
      case TOKEN_ISSUANCE_START -> "microsoft.graph.onTokenIssuanceStartResponseData";
    };
  }

  private ObjectNode action(EventKind kind, Verdict verdict) {
    ObjectNode action = mapper.createObjectNode();
    switch (kind) {
      case ATTRIBUTE_COLLECTION_START -> {
        switch (verdict) {
          case Verdict.Continue ignored ->
              action.put("@odata.type", START + "continueWithDefaultBehavior");
          case Verdict.Prefill prefill -> {
            action.put("@odata.type", START + "setPrefillValues");
            action.set("inputs", mapper.valueToTree(prefill.inputs()));
          }
          case Verdict.Block block -> blockPage(action, START, block);
          default -> throw notFor(kind, verdict);
        }
      }
      case ATTRIBUTE_COLLECTION_SUBMIT -> {
        switch (verdict) {
          case Verdict.Continue ignored ->
              action.put("@odata.type", SUBMIT + "continueWithDefaultBehavior");
          case Verdict.Modify modify -> {
            action.put("@odata.type", SUBMIT + "modifyAttributeValues");
            action.set("attributes", mapper.valueToTree(modify.attributes()));
          }
          case Verdict.ShowValidationError error -> {
            action.put("@odata.type", SUBMIT + "showValidationError");
            action.put("message", error.message());
            action.set("attributeErrors", mapper.valueToTree(error.attributeErrors()));
          }
          case Verdict.Block block -> blockPage(action, SUBMIT, block);
          default -> throw notFor(kind, verdict);
        }
      }
      case TOKEN_ISSUANCE_START -> {
        if (!(verdict instanceof Verdict.ProvideClaims claims)) {
          throw notFor(kind, verdict);
        }
        action.put("@odata.type", TOKEN + "provideClaimsForToken");
        action.set("claims", mapper.valueToTree(claims.claims()));
      }
    }
    return action;
  }

  private static void blockPage(ObjectNode action, String prefix, Verdict.Block block) {
    action.put("@odata.type", prefix + "showBlockPage");
    action.put("message", block.message());
  }

  private static IllegalArgumentException notFor(EventKind kind, Verdict verdict) {
    return new IllegalArgumentException(
        verdict.getClass().getSimpleName() + " is not an action for " + kind.label());
  }
}
