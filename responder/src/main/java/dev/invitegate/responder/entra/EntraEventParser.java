package dev.invitegate.responder.entra;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.contracts.AttributeValues;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.Guid;
import dev.invitegate.responder.signup.EventKind;
import dev.invitegate.responder.signup.SignUpRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** Reads Entra's event envelope. Thread-safe. */
public final class EntraEventParser {

  private static final String TYPE_PREFIX = "microsoft.graph.authenticationEvent.";
  private static final String ODATA_PREFIX = "microsoft.graph.on";
  private static final String ODATA_SUFFIX = "CalloutData";

  /** Reads the event in {@code body}, a request's bytes, with the wire's strict mapper. */
  public ParsedEvent parse(byte[] body) {
    JsonNode root;
    try {
      root = EntraJson.mapper().readTree(body);
    } catch (JacksonException e) {
      return malformed("the body is not valid JSON");
    } catch (IOException e) {
      return malformed("the body could not be read");
    }
    return parse(root);
  }

  private ParsedEvent parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      return malformed("the body is not a JSON object");
    }
    JsonNode data = root.path("data");
    if (!data.isObject()) {
      return malformed("data: required object");
    }
    Optional<EventKind> kind = kindOf(root.path("type"), data.path("@odata.type"));
    if (kind.isEmpty()) {
      return new ParsedEvent.Unusable(
          ParsedEvent.Problem.UNSUPPORTED_TYPE,
          "type: only attributeCollectionStart, attributeCollectionSubmit and tokenIssuanceStart"
              + " are answered");
    }
    JsonNode tenantId = data.path("tenantId");
    if (!tenantId.isTextual() || tenantId.textValue().isBlank()) {
      return malformed("data.tenantId: required string");
    }
    JsonNode context = data.path("authenticationContext");
    String correlationId = context.path("correlationId").asText("");
    Optional<String> applicationId =
        Optional.of(context.path("clientServicePrincipal").path("appId").asText(""))
            .map(id -> Guid.canonical(id.strip()))
            .filter(id -> !id.isEmpty());
    JsonNode signUpInfo = data.path("userSignUpInfo");
    Optional<EmailKey> email =
        kind.get() == EventKind.TOKEN_ISSUANCE_START
            ? EmailFinder.inUser(context.path("user"))
            : EmailFinder.inSignUpInfo(signUpInfo);
    SignUpRequest request =
        new SignUpRequest(
            kind.get(),
            correlationId,
            applicationId,
            email,
            attributes(signUpInfo.path("attributes")));
    return new ParsedEvent.Parsed(
        new EntraEvent(Guid.canonical(tenantId.textValue().strip()), request));
  }

  private static ParsedEvent malformed(String detail) {
    return new ParsedEvent.Unusable(ParsedEvent.Problem.MALFORMED, detail);
  }

  /** Dispatches on {@code type}, falling back to {@code data.@odata.type} when it is absent. */
  private static Optional<EventKind> kindOf(JsonNode type, JsonNode odataType) {
    if (type.isTextual()) {
      String name = type.textValue();
      return name.startsWith(TYPE_PREFIX) ? byLabel(name.substring(TYPE_PREFIX.length())) : none();
    }
    if (odataType.isTextual()) {
      String name = odataType.textValue();
      if (name.startsWith("#")) {
        name = name.substring(1);
      }
      // Longer than prefix and suffix together: "microsoft.graph.onCalloutData" names no event.
      if (name.length() > ODATA_PREFIX.length() + ODATA_SUFFIX.length()
          && name.startsWith(ODATA_PREFIX)
          && name.endsWith(ODATA_SUFFIX)) {
        String label = name.substring(ODATA_PREFIX.length(), name.length() - ODATA_SUFFIX.length());
        return byLabel(Character.toLowerCase(label.charAt(0)) + label.substring(1));
      }
    }
    return none();
  }

  private static Optional<EventKind> byLabel(String label) {
    for (EventKind kind : EventKind.values()) {
      if (kind.label().equals(label)) {
        return Optional.of(kind);
      }
    }
    return none();
  }

  private static Optional<EventKind> none() {
    return Optional.empty();
  }

  /**
   * Attribute values as Entra typed them: strings, int64 or booleans; a multi-select array becomes
   * the comma-joined string current Entra sends. A field without a usable value (null, absent, of
   * another type) is kept as the empty string: the form has the field, and it carries nothing,
   * which the checks at Submit must see.
   */
  private static Map<String, Object> attributes(JsonNode attributes) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (!attributes.isObject()) {
      return values;
    }
    for (var entry : attributes.properties()) {
      JsonNode holder = entry.getValue();
      JsonNode value = holder.isObject() ? holder.path("value") : holder;
      if (value.isArray()) {
        StringJoiner joined = new StringJoiner(",");
        value.forEach(item -> joined.add(item.asText()));
        values.put(entry.getKey(), joined.toString());
      } else {
        values.put(entry.getKey(), AttributeValues.fromJson(value).orElse(""));
      }
    }
    return values;
  }
}
