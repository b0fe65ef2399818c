package dev.invitegate.responder.entra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitegate.responder.signup.Action;
import dev.invitegate.responder.signup.EventKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the response body: exactly one action of the type valid for the event. */
public final class EntraResponses {

  private static final String START = "microsoft.graph.attributeCollectionStart.";
  private static final String SUBMIT = "microsoft.graph.attributeCollectionSubmit.";
  private static final String TOKEN = "microsoft.graph.tokenIssuanceStart.";

  /**
   * Entra refuses a token issuance answer whose claims (names and values) take more than 3 KB, and
   * fails the sign-in (error 1003025). Counted here as the claims' compact JSON in UTF-8, which is
   * more than names plus values, so what fits here fits there.
   */
  static final int MAX_CLAIMS_BYTES = 3_000;

  private final ObjectMapper mapper = EntraJson.mapper();

  /**
   * The body to send.
   *
   * @param claimValuesOmitted values of list claims (roles) left out to stay within {@link
   *     #MAX_CLAIMS_BYTES}; 0 for every other answer
   */
  public record Rendered(JsonNode body, int claimValuesOmitted) {

    /** The body as UTF-8 JSON bytes, as sent. */
    public byte[] bytes() {
      try {
        return EntraJson.mapper().writeValueAsBytes(body);
      } catch (JsonProcessingException e) {
        // A tree of strings, numbers, lists and objects always writes.
        throw new IllegalStateException("cannot write an answer", e);
      }
    }
  }

  /**
   * The JSON for {@code action}.
   *
   * @throws IllegalArgumentException if the action is not one for this event, a bug
   */
  public Rendered render(EventKind kind, Action action) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode data = root.putObject("data");
    data.put("@odata.type", responseDataType(kind));
    ArrayNode actions = data.putArray("actions");
    int omitted = 0;
    if (kind == EventKind.TOKEN_ISSUANCE_START && action instanceof Action.ProvideClaims claims) {
      Map<String, Object> fitted = new LinkedHashMap<>(claims.claims());
      omitted = fit(fitted);
      action = new Action.ProvideClaims(fitted);
    }
    actions.add(action(kind, action));
    return new Rendered(root, omitted);
  }

  /**
   * Drops values from the end of the last list claim until the claims fit; returns how many. The
   * roles are the only list claim, and their order is the publisher's.
   */
  private int fit(Map<String, Object> claims) {
    int omitted = 0;
    while (write(claims).length > MAX_CLAIMS_BYTES) {
      String last = null;
      for (var entry : claims.entrySet()) {
        if (entry.getValue() instanceof List<?> list && !list.isEmpty()) {
          last = entry.getKey();
        }
      }
      if (last == null) {
        break;
      }
      List<?> values = (List<?>) claims.get(last);
      if (values.size() == 1) {
        claims.remove(last);
      } else {
        claims.put(last, List.copyOf(values.subList(0, values.size() - 1)));
      }
      omitted++;
    }
    return omitted;
  }

  private byte[] write(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
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

  private ObjectNode action(EventKind kind, Action chosen) {
    ObjectNode action = mapper.createObjectNode();
    switch (kind) {
      case ATTRIBUTE_COLLECTION_START -> {
        switch (chosen) {
          case Action.Continue ignored ->
              action.put("@odata.type", START + "continueWithDefaultBehavior");
          case Action.Prefill prefill -> {
            action.put("@odata.type", START + "setPrefillValues");
            action.set("inputs", mapper.valueToTree(prefill.inputs()));
          }
          case Action.Block block -> blockPage(action, START, block);
          default -> throw notFor(kind, chosen);
        }
      }
      case ATTRIBUTE_COLLECTION_SUBMIT -> {
        switch (chosen) {
          case Action.Continue ignored ->
              action.put("@odata.type", SUBMIT + "continueWithDefaultBehavior");
          case Action.Modify modify -> {
            action.put("@odata.type", SUBMIT + "modifyAttributeValues");
            action.set("attributes", mapper.valueToTree(modify.attributes()));
          }
          case Action.ShowValidationError error -> {
            action.put("@odata.type", SUBMIT + "showValidationError");
            action.put("message", error.message());
            action.set("attributeErrors", mapper.valueToTree(error.attributeErrors()));
          }
          case Action.Block block -> blockPage(action, SUBMIT, block);
          default -> throw notFor(kind, chosen);
        }
      }
      case TOKEN_ISSUANCE_START -> {
        if (!(chosen instanceof Action.ProvideClaims claims)) {
          throw notFor(kind, chosen);
        }
        action.put("@odata.type", TOKEN + "provideClaimsForToken");
        action.set("claims", mapper.valueToTree(claims.claims()));
      }
    }
    return action;
  }

  private static void blockPage(ObjectNode action, String prefix, Action.Block block) {
    action.put("@odata.type", prefix + "showBlockPage");
    action.put("message", block.message());
  }

  private static IllegalArgumentException notFor(EventKind kind, Action action) {
    return new IllegalArgumentException(
        action.getClass().getSimpleName() + " is not an action for " + kind.label());
  }
}
