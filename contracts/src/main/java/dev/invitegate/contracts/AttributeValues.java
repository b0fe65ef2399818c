package dev.invitegate.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;

/**
 * The value types of an Entra user attribute, the one place that says which they are: string, int64
 * and boolean, held as {@link String}, {@link Long} and {@link Boolean}, and written as JSON
 * strings, integers and booleans.
 */
public final class AttributeValues {

  private AttributeValues() {}

  /** Whether {@code value} is one of the three types. */
  public static boolean isAllowed(Object value) {
    return value instanceof String || value instanceof Long || value instanceof Boolean;
  }

  /** The value {@code node} holds, if it is a string, a boolean or an integer within int64. */
  public static Optional<Object> fromJson(JsonNode node) {
    if (node.isTextual()) {
      return Optional.of(node.textValue());
    }
    if (node.isBoolean()) {
      return Optional.of(node.booleanValue());
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Optional.of(node.longValue());
    }
    return Optional.empty();
  }

  /**
   * The JSON of an allowed value.
   *
   * @throws IllegalArgumentException for any other value
   */
  public static JsonNode toJson(Object value) {
    return switch (value) {
      case String text -> TextNode.valueOf(text);
      case Long number -> LongNode.valueOf(number);
      case Boolean flag -> BooleanNode.valueOf(flag);
      default -> throw new IllegalArgumentException("not an attribute value: " + value.getClass());
    };
  }
}
