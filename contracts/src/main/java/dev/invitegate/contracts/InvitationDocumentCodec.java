package dev.invitegate.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stored JSON form of an {@link InvitationDocument}.
 *
 * <p>Compact on purpose (the responder reads one per sign-up): empty optional and collection fields
 * are left out. Reading ignores fields it does not know, including Cosmos system fields such as
 * {@code _etag} and {@code _ts}, so documents read back from Cosmos decode as written.
 */
public final class InvitationDocumentCodec {

  /** The version of the stored shape; bump it, and read both, when the shape changes. */
  static final int SCHEMA_VERSION = 1;

  private static final String GRANTED = "granted";
  private static final String REVOKED = "revoked";

  private InvitationDocumentCodec() {}

  public static ObjectNode toJson(InvitationDocument document) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", document.id().value());
    root.put("schemaVersion", SCHEMA_VERSION);
    ObjectNode scopes = root.putObject("scopes");
    document.scopes().forEach((scope, entry) -> scopes.set(scope, toJson(entry)));
    return root;
  }

  public static String toJsonString(InvitationDocument document) {
    try {
      return Json.MAPPER.writeValueAsString(toJson(document));
    } catch (JsonProcessingException e) {
      // A tree of strings, numbers and booleans always serialises.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes a stored document.
   *
   * @throws IllegalArgumentException naming the offending field (never the address) if the JSON is
   *     not a document of this schema version
   */
  public static InvitationDocument fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw invalid("$", "must be a JSON object");
    }
    JsonNode version = node.get("schemaVersion");
    if (version == null || !version.isIntegralNumber() || version.intValue() != SCHEMA_VERSION) {
      throw invalid("schemaVersion", "must be " + SCHEMA_VERSION);
    }
    EmailKey id;
    try {
      id = new EmailKey(text(node, "id", "id"));
    } catch (IllegalArgumentException e) {
      throw invalid("id", "not a normalised email key");
    }
    JsonNode scopesNode = node.get("scopes");
    if (scopesNode == null || !scopesNode.isObject()) {
      throw invalid("scopes", "must be an object");
    }
    var scopes = new TreeMap<String, ScopeEntry>();
    for (Map.Entry<String, JsonNode> scope : scopesNode.properties()) {
      scopes.put(scope.getKey(), entry(scope.getValue(), "scopes[\"" + scope.getKey() + "\"]"));
    }
    try {
      return new InvitationDocument(id, scopes);
    } catch (IllegalArgumentException e) {
      throw invalid("scopes", e.getMessage());
    }
  }

  /**
   * Decodes a stored document from text.
   *
   * @throws IllegalArgumentException if the text is not JSON or not a document
   */
  public static InvitationDocument fromJson(String json) {
    try {
      return fromJson(Json.MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw invalid("$", "not valid JSON");
    }
  }

  private static ObjectNode toJson(ScopeEntry entry) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("eventId", entry.eventId());
    node.put("time", entry.time().toString());
    node.put("state", entry.granted() ? GRANTED : REVOKED);
    entry.expiresAt().ifPresent(expiresAt -> node.put("expiresAt", expiresAt.toString()));
    if (!entry.attributes().isEmpty()) {
      ObjectNode attributes = node.putObject("attributes");
      entry
          .attributes()
          .forEach((name, value) -> attributes.set(name, AttributeValues.toJson(value)));
    }
    if (!entry.lockedAttributes().isEmpty()) {
      entry.lockedAttributes().forEach(node.putArray("lockedAttributes")::add);
    }
    if (!entry.roles().isEmpty()) {
      ArrayNode roles = node.putArray("roles");
      entry.roles().forEach(roles::add);
    }
    return node;
  }

  private static ScopeEntry entry(JsonNode node, String path) {
    if (!node.isObject()) {
      throw invalid(path, "must be an object");
    }
    String eventId = text(node, "eventId", path + ".eventId");
    Instant time = instant(node.get("time"), path + ".time");
    String state = text(node, "state", path + ".state");
    if (!GRANTED.equals(state) && !REVOKED.equals(state)) {
      throw invalid(path + ".state", "must be \"granted\" or \"revoked\"");
    }
    JsonNode expiresAtNode = node.get("expiresAt");
    Optional<Instant> expiresAt =
        expiresAtNode == null
            ? Optional.empty()
            : Optional.of(instant(expiresAtNode, path + ".expiresAt"));
    var attributes = new LinkedHashMap<String, Object>();
    JsonNode attributesNode = node.get("attributes");
    if (attributesNode != null) {
      if (!attributesNode.isObject()) {
        throw invalid(path + ".attributes", "must be an object");
      }
      for (Map.Entry<String, JsonNode> attribute : attributesNode.properties()) {
        attributes.put(
            attribute.getKey(),
            attributeValue(attribute.getValue(), path + ".attributes." + attribute.getKey()));
      }
    }
    List<String> lockedAttributes =
        strings(node.get("lockedAttributes"), path + ".lockedAttributes");
    List<String> roles = strings(node.get("roles"), path + ".roles");
    try {
      return new ScopeEntry(
          eventId, time, GRANTED.equals(state), expiresAt, attributes, lockedAttributes, roles);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid(path, e.getMessage());
    }
  }

  private static Object attributeValue(JsonNode value, String path) {
    return AttributeValues.fromJson(value)
        .orElseThrow(() -> invalid(path, "must be a string, an int64 or a boolean"));
  }

  private static List<String> strings(JsonNode node, String path) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid(path, "must be an array");
    }
    var strings = new ArrayList<String>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isTextual()) {
        throw invalid(path + "[" + i + "]", "must be a string");
      }
      strings.add(item.textValue());
    }
    return strings;
  }

  private static String text(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw invalid(path, "must be a string");
    }
    return node.textValue();
  }

  private static Instant instant(JsonNode node, String path) {
    if (node == null || !node.isTextual()) {
      throw invalid(path, "must be an RFC 3339 date-time");
    }
    return Constraints.parseRfc3339(node.textValue())
        .orElseThrow(() -> invalid(path, "must be an RFC 3339 date-time"));
  }

  private static IllegalArgumentException invalid(String path, String problem) {
    return new IllegalArgumentException("not an invitation document: " + path + ": " + problem);
  }
}
