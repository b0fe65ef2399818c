package dev.invitegate.contracts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The limits and value formats of the contract, shared by the parser, the records and the codec.
 *
 * <p>The attribute limits follow Entra External ID's custom user attributes (string, int64,
 * boolean); the published JSON Schemas state the same numbers.
 */
final class Constraints {

  static final int MAX_ID_LENGTH = 256;
  static final int MAX_ATTRIBUTES = 100;
  static final int MAX_ATTRIBUTE_NAME_LENGTH = 256;
  static final int MAX_ATTRIBUTE_STRING_LENGTH = 1024;
  static final int MAX_ROLES = 100;
  static final int MAX_ROLE_LENGTH = 256;

  /**
   * Roles reach the user's token as a claim, and Entra refuses a token issuance answer whose claims
   * (names and values) exceed 3 KB, failing the sign-in (error 1003025). The roles of one grant, as
   * a compact JSON array in UTF-8, must leave room for the claim names and the status claim.
   */
  static final int MAX_ROLES_JSON_BYTES = 2_900;

  // ISO_OFFSET_DATE_TIME alone also takes forms RFC 3339 forbids (no seconds, offsets with
  // seconds).
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?"
              + "([Zz]|[+-][0-9]{2}:[0-9]{2})");

  private Constraints() {}

  /** An RFC 3339 date-time with an offset, as an instant; empty if the text is not one. */
  static Optional<Instant> parseRfc3339(String text) {
    if (!RFC_3339.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static void requireText(String value, String name, int maxLength) {
    if (value == null) {
      throw new NullPointerException(name);
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(name + " longer than " + maxLength + " characters");
    }
  }

  static String requireApplicationId(String value) {
    if (!Guid.isCanonical(value)) {
      throw new IllegalArgumentException("applicationId must be a lower-case GUID");
    }
    return value;
  }

  /**
   * Validates Entra attribute values and copies them into an unmodifiable map ordered by name, so
   * that equal values always serialise identically. Smaller integer types become {@link Long}.
   */
  static Map<String, Object> attributes(Map<String, Object> attributes) {
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException("more than " + MAX_ATTRIBUTES + " attributes");
    }
    var copy = new TreeMap<String, Object>();
    attributes.forEach(
        (name, value) -> {
          requireText(name, "attribute name", MAX_ATTRIBUTE_NAME_LENGTH);
          copy.put(name, attributeValue(name, value));
        });
    return Collections.unmodifiableMap(copy);
  }

  private static Object attributeValue(String name, Object value) {
    Object widened =
        switch (value) {
          case Integer number -> number.longValue();
          case Short number -> number.longValue();
          case Byte number -> number.longValue();
          case null -> throw new NullPointerException("attribute " + name);
          default -> value;
        };
    if (!AttributeValues.isAllowed(widened)) {
      throw new IllegalArgumentException(
          "attribute " + name + " must be a String, Long or Boolean");
    }
    if (widened instanceof String text && text.length() > MAX_ATTRIBUTE_STRING_LENGTH) {
      throw new IllegalArgumentException(
          "attribute " + name + " longer than " + MAX_ATTRIBUTE_STRING_LENGTH + " characters");
    }
    return widened;
  }

  static List<String> lockedAttributes(List<String> locked, Map<String, Object> attributes) {
    var copy = List.copyOf(locked);
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new IllegalArgumentException("lockedAttributes must be unique");
    }
    for (String name : copy) {
      if (!attributes.containsKey(name)) {
        throw new IllegalArgumentException("locked attribute " + name + " is not in attributes");
      }
    }
    return copy;
  }

  /** The size of {@code roles} as a compact JSON array of strings in UTF-8. */
  static int rolesJsonBytes(List<String> roles) {
    try {
      return Json.MAPPER.writeValueAsBytes(roles).length;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always writes", e);
    }
  }

  /** The roles of a new grant: those of {@link #roles}, and they fit in Entra's token claims. */
  static List<String> grantedRoles(List<String> roles) {
    var copy = roles(roles);
    int bytes = rolesJsonBytes(copy);
    if (bytes > MAX_ROLES_JSON_BYTES) {
      throw new IllegalArgumentException("roles " + rolesTooLarge(bytes));
    }
    return copy;
  }

  static String rolesTooLarge(int bytes) {
    return "take "
        + bytes
        + " bytes as JSON; at most "
        + MAX_ROLES_JSON_BYTES
        + " fit in the 3 KB of claims Entra accepts in a token";
  }

  static List<String> roles(List<String> roles) {
    var copy = List.copyOf(roles);
    if (copy.size() > MAX_ROLES) {
      throw new IllegalArgumentException("more than " + MAX_ROLES + " roles");
    }
    copy.forEach(role -> requireText(role, "role", MAX_ROLE_LENGTH));
    return copy;
  }
}
