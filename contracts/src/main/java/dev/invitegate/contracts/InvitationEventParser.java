package dev.invitegate.contracts;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a CloudEvents 1.0 structured-mode JSON body into an {@link InvitationEvent}, or lists every
 * way it breaks the contract.
 *
 * <p>Unknown fields, at the top level and in {@code data}, are ignored so that publishers can add
 * fields before consumers know them; fields of the granted type on a revoked event count as
 * unknown. Thread-safe and reusable.
 */
public final class InvitationEventParser {

  private static final String SPEC_VERSION = "1.0";
  private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '(.*)'");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern JSON_MEDIA_TYPE =
      Pattern.compile("application/json\\s*(;.*)?", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  public InvitationEventParser() {}

  /**
   * A date-time in the form the contract takes for {@code time} and {@code expiresAt}: RFC 3339
   * with an offset, e.g. {@code 2026-01-31T09:30:00Z}; empty if {@code text} is not one. For
   * publishers and tools that take such values from people or files.
   */
  public static Optional<Instant> parseTime(String text) {
    return Constraints.parseRfc3339(Objects.requireNonNull(text, "text"));
  }

  /** Parses a body given as bytes (UTF-8, or UTF-16/32 as JSON allows). */
  public ParseResult parse(byte[] json) {
    Objects.requireNonNull(json, "json");
    try {
      return interpret(Json.MAPPER.readTree(json));
    } catch (IOException e) {
      return malformed(e);
    }
  }

  /** Parses a body given as text. */
  public ParseResult parse(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return interpret(Json.MAPPER.readTree(json));
    } catch (IOException e) {
      return malformed(e);
    }
  }

  private static ParseResult malformed(IOException e) {
    // Jackson's own messages may quote the offending input, which can be an address: only the
    // position and, for duplicates, the key name are passed on.
    String where = "";
    if (e instanceof JsonProcessingException processing && processing.getLocation() != null) {
      JsonLocation location = processing.getLocation();
      where = " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
    String message =
        e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : null;
    Matcher duplicate = DUPLICATE_FIELD.matcher(message == null ? "" : message);
    String problem;
    if (duplicate.matches()) {
      problem = "duplicate key \"" + duplicate.group(1) + "\"" + where;
    } else if (e instanceof JsonEOFException) {
      problem = "not valid JSON: unexpected end of input" + where;
    } else {
      problem = "not valid JSON" + where;
    }
    return malformed(problem);
  }

  private static ParseResult malformed(String problem) {
    return new ParseResult.Invalid(
        RejectionCode.MALFORMED_JSON, List.of(new Violation("$", problem)));
  }

  private static ParseResult interpret(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      return malformed("empty body");
    }
    if (!root.isObject()) {
      return malformed("must be a JSON object");
    }
    return new EventReader(root).read();
  }

  /** One parse: walks the body once and collects every violation on the way. */
  private static final class EventReader {

    private final JsonNode root;
    private final List<Violation> violations = new ArrayList<>();

    EventReader(JsonNode root) {
      this.root = root;
    }

    ParseResult read() {
      JsonNode specVersion = root.get("specversion");
      if (specVersion == null) {
        violation("specversion", "required");
      } else if (!specVersion.isTextual() || !SPEC_VERSION.equals(specVersion.textValue())) {
        violation("specversion", "must be \"1.0\"");
      }
      String id = requiredText(root, "id", "id", Constraints.MAX_ID_LENGTH);
      String source = requiredText(root, "source", "source", Integer.MAX_VALUE);
      if (source != null && !isUriReference(source)) {
        violation("source", "not a URI-reference");
        source = null;
      }
      String type = requiredText(root, "type", "type", Integer.MAX_VALUE);
      boolean supported =
          type == null
              || type.equals(InvitationEvent.TYPE_GRANTED)
              || type.equals(InvitationEvent.TYPE_REVOKED);
      if (!supported) {
        violation(
            "type",
            "unsupported type; expected "
                + InvitationEvent.TYPE_GRANTED
                + " or "
                + InvitationEvent.TYPE_REVOKED);
      }
      Optional<Instant> time = optionalInstant(root, "time", "time");
      if (root.get("time") == null) {
        violation("time", "required");
      }
      JsonNode contentType = root.get("datacontenttype");
      if (contentType != null
          && !(contentType.isTextual()
              && JSON_MEDIA_TYPE.matcher(contentType.textValue()).matches())) {
        violation("datacontenttype", "must be application/json");
      }
      if (!supported) {
        // The shape of data depends on the type; an unknown type leaves nothing more to check.
        return new ParseResult.Invalid(RejectionCode.UNSUPPORTED_TYPE, violations);
      }

      JsonNode data = root.get("data");
      if (data == null) {
        violation("data", "required");
        return rejected();
      }
      if (!data.isObject()) {
        violation("data", "must be a JSON object");
        return rejected();
      }
      EmailKey email = email(data);
      Optional<String> applicationId = applicationId(data);
      if (!InvitationEvent.TYPE_GRANTED.equals(type)) {
        // A revoke, or no type at all (already a violation): the granted-only fields are unknown
        // fields here.
        if (!violations.isEmpty()) {
          return rejected();
        }
        return new ParseResult.Parsed(
            new InvitationRevoked(id, source, time.orElseThrow(), email, applicationId));
      }

      Optional<Instant> expiresAt = optionalInstant(data, "expiresAt", "data.expiresAt");
      Map<String, Object> attributes = attributes(data);
      List<String> lockedAttributes = lockedAttributes(data, attributes);
      List<String> roles = roles(data);
      if (!violations.isEmpty()) {
        return rejected();
      }
      return new ParseResult.Parsed(
          new InvitationGranted(
              id,
              source,
              time.orElseThrow(),
              email,
              applicationId,
              expiresAt,
              attributes,
              lockedAttributes,
              roles));
    }

    private ParseResult rejected() {
      return new ParseResult.Invalid(RejectionCode.INVALID_EVENT, violations);
    }

    private void violation(String path, String problem) {
      violations.add(new Violation(path, problem));
    }

    private String requiredText(JsonNode parent, String field, String path, int maxLength) {
      JsonNode node = parent.get(field);
      if (node == null) {
        violation(path, "required");
        return null;
      }
      return text(node, path, maxLength);
    }

    private String text(JsonNode node, String path, int maxLength) {
      if (!node.isTextual()) {
        violation(path, "must be a string");
        return null;
      }
      String text = node.textValue();
      if (text.isBlank()) {
        violation(path, "must not be blank");
        return null;
      }
      if (text.length() > maxLength) {
        violation(path, "longer than " + maxLength + " characters");
        return null;
      }
      return text;
    }

    private Optional<Instant> optionalInstant(JsonNode parent, String field, String path) {
      JsonNode node = parent.get(field);
      if (node == null) {
        return Optional.empty();
      }
      Optional<Instant> instant =
          node.isTextual() ? Constraints.parseRfc3339(node.textValue()) : Optional.empty();
      if (instant.isEmpty()) {
        violation(path, "not an RFC 3339 date-time with offset, e.g. 2026-01-31T09:30:00Z");
      }
      return instant;
    }

    private EmailKey email(JsonNode data) {
      JsonNode node = data.get("email");
      if (node == null) {
        violation("data.email", "required");
        return null;
      }
      if (!node.isTextual()) {
        violation("data.email", "must be a string");
        return null;
      }
      return switch (EmailKey.parse(node.textValue())) {
        case EmailKey.Result.Valid valid -> valid.key();
        case EmailKey.Result.Invalid invalid -> {
          violation("data.email", "not an email address (" + invalid.reason() + ")");
          yield null;
        }
      };
    }

    private Optional<String> applicationId(JsonNode data) {
      JsonNode node = data.get("applicationId");
      if (node == null) {
        return Optional.empty();
      }
      Optional<String> id = node.isTextual() ? Guid.parse(node.textValue()) : Optional.empty();
      if (id.isEmpty()) {
        violation(
            "data.applicationId", "must be a GUID, e.g. 6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917");
      }
      return id;
    }

    private Map<String, Object> attributes(JsonNode data) {
      JsonNode node = data.get("attributes");
      if (node == null) {
        return Map.of();
      }
      if (!node.isObject()) {
        violation("data.attributes", "must be an object");
        return Map.of();
      }
      if (node.size() > Constraints.MAX_ATTRIBUTES) {
        violation("data.attributes", "more than " + Constraints.MAX_ATTRIBUTES + " attributes");
      }
      var attributes = new LinkedHashMap<String, Object>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String name = field.getKey();
        if (name.isBlank()) {
          violation(attributePath(name), "attribute name must not be blank");
          continue;
        }
        if (name.length() > Constraints.MAX_ATTRIBUTE_NAME_LENGTH) {
          violation(
              "data.attributes",
              "an attribute name is longer than "
                  + Constraints.MAX_ATTRIBUTE_NAME_LENGTH
                  + " characters");
          continue;
        }
        Object value = attributeValue(field.getValue(), attributePath(name));
        if (value != null) {
          attributes.put(name, value);
        }
      }
      return attributes;
    }

    private Object attributeValue(JsonNode value, String path) {
      Optional<Object> allowed = AttributeValues.fromJson(value);
      if (allowed.isPresent()) {
        if (allowed.get() instanceof String text
            && text.length() > Constraints.MAX_ATTRIBUTE_STRING_LENGTH) {
          violation(path, "longer than " + Constraints.MAX_ATTRIBUTE_STRING_LENGTH + " characters");
          return null;
        }
        return allowed.get();
      }
      if (value.isNumber()) {
        return integer(value, path);
      }
      violation(path, "must be a string, an integer or a boolean");
      return null;
    }

    private Long integer(JsonNode value, String path) {
      if (value.isIntegralNumber()) {
        if (!value.canConvertToLong()) {
          violation(path, "outside the int64 range");
          return null;
        }
        return value.longValue();
      }
      // JSON Schema counts 2.0 as an integer; so does the contract.
      BigDecimal decimal = value.decimalValue().stripTrailingZeros();
      if (decimal.scale() > 0) {
        violation(path, "must be an integer (Entra attributes are int64)");
        return null;
      }
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException e) {
        violation(path, "outside the int64 range");
        return null;
      }
    }

    private List<String> lockedAttributes(JsonNode data, Map<String, Object> attributes) {
      JsonNode node = data.get("lockedAttributes");
      if (node == null) {
        return List.of();
      }
      if (!node.isArray()) {
        violation("data.lockedAttributes", "must be an array");
        return List.of();
      }
      JsonNode attributesNode = data.get("attributes");
      var locked = new ArrayList<String>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < node.size(); i++) {
        String path = "data.lockedAttributes[" + i + "]";
        JsonNode item = node.get(i);
        if (!item.isTextual()) {
          violation(path, "must be a string");
        } else if (!seen.add(item.textValue())) {
          violation(path, "duplicate");
        } else if (attributesNode == null
            || !attributesNode.isObject()
            || !attributesNode.has(item.textValue())) {
          violation(path, "not in attributes");
        } else if (attributes.containsKey(item.textValue())) {
          locked.add(item.textValue());
        }
      }
      return locked;
    }

    private List<String> roles(JsonNode data) {
      JsonNode node = data.get("roles");
      if (node == null) {
        return List.of();
      }
      if (!node.isArray()) {
        violation("data.roles", "must be an array");
        return List.of();
      }
      if (node.size() > Constraints.MAX_ROLES) {
        violation("data.roles", "more than " + Constraints.MAX_ROLES + " roles");
      }
      var roles = new ArrayList<String>();
      for (int i = 0; i < node.size(); i++) {
        String role = text(node.get(i), "data.roles[" + i + "]", Constraints.MAX_ROLE_LENGTH);
        if (role != null) {
          roles.add(role);
        }
      }
      int bytes = Constraints.rolesJsonBytes(roles);
      if (bytes > Constraints.MAX_ROLES_JSON_BYTES) {
        violation("data.roles", Constraints.rolesTooLarge(bytes));
      }
      return roles;
    }

    private static String attributePath(String name) {
      return PLAIN_NAME.matcher(name).matches()
          ? "data.attributes." + name
          : "data.attributes[\""
              + new String(JsonStringEncoder.getInstance().quoteAsString(name))
              + "\"]";
    }

    private static boolean isUriReference(String text) {
      try {
        new URI(text);
        return true;
      } catch (URISyntaxException e) {
        return false;
      }
    }
  }
}
