package dev.invitegate.worker.allowlist;

import java.util.Locale;
import java.util.Optional;

/**
 * Entra's types of a user attribute as operators write them: {@code string} (the default), {@code
 * int64} and {@code boolean}. A value is typed by what its name says, never by what it looks like:
 * {@code 2025} is the string "2025" unless the attribute is declared {@code int64}, because a
 * postal code or an ID such as {@code 007} must reach Entra as written.
 */
public enum AttributeType {
  STRING("string"),
  INT64("int64"),
  BOOLEAN("boolean");

  private final String label;

  AttributeType(String label) {
    this.label = label;
  }

  /** The name operators write after the attribute name, e.g. {@code int64}. */
  public String label() {
    return label;
  }

  /** The type called {@code name}: its label, or {@code int} and {@code bool}, in any case. */
  public static Optional<AttributeType> named(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "string" -> Optional.of(STRING);
      case "int64", "int" -> Optional.of(INT64);
      case "boolean", "bool" -> Optional.of(BOOLEAN);
      default -> Optional.empty();
    };
  }

  /** The type of a stored value ({@link String}, {@link Long} or {@link Boolean}). */
  public static AttributeType of(Object value) {
    return switch (value) {
      case Long number -> INT64;
      case Boolean flag -> BOOLEAN;
      default -> STRING;
    };
  }

  /**
   * The value {@code text} stands for.
   *
   * @throws IllegalArgumentException saying what this type takes (never repeating the text, which
   *     may be personal data)
   */
  public Object parse(String text) {
    return switch (this) {
      case STRING -> text;
      case INT64 -> {
        try {
          yield Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "not an int64 (a whole number from -9223372036854775808 to 9223372036854775807)");
        }
      }
      case BOOLEAN ->
          switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean (true or false)");
          };
    };
  }

  /** Whether a value given as text without a type would be taken for this type by a person. */
  static boolean looksTyped(String text) {
    String value = text.strip();
    return value.equalsIgnoreCase("true")
        || value.equalsIgnoreCase("false")
        || value.matches("-?[1-9][0-9]{0,17}|0");
  }
}
