package dev.invitegate.worker.allowlist;

import java.util.Objects;

/**
 * One attribute given on the command line, {@code NAME=VALUE} or {@code NAME:TYPE=VALUE}: {@code
 * displayName=Alice Example}, {@code CohortYear:int64=2025}, {@code IsAlumnus:boolean=true}. The
 * first {@code =} ends the name, so values may hold {@code =} and {@code :}.
 *
 * @param value a {@link String}, {@link Long} or {@link Boolean}
 * @param declared whether the type was written out ({@code NAME:TYPE=VALUE})
 */
public record AttributeAssignment(String name, Object value, boolean declared) {

  public AttributeAssignment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Reads {@code NAME[:TYPE]=VALUE}.
   *
   * @throws IllegalArgumentException saying what is wrong and what form is expected
   */
  public static AttributeAssignment parse(String text) {
    int equals = text.indexOf('=');
    if (equals < 0) {
      throw new IllegalArgumentException(
          "expected NAME=VALUE or NAME:TYPE=VALUE (TYPE string, int64 or boolean)");
    }
    String left = text.substring(0, equals).strip();
    String valueText = text.substring(equals + 1);
    int colon = left.lastIndexOf(':');
    String name = colon < 0 ? left : left.substring(0, colon).strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("the attribute name is missing before '='");
    }
    if (colon < 0) {
      return new AttributeAssignment(name, valueText, false);
    }
    String typeName = left.substring(colon + 1);
    AttributeType type =
        AttributeType.named(typeName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown type '"
                            + typeName.strip()
                            + "' for attribute "
                            + name
                            + " (string, int64 or boolean)"));
    try {
      return new AttributeAssignment(name, type.parse(valueText), true);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the value was given without a type yet reads like an int64 or a boolean: worth a word
   * to the operator, since it is sent as a string.
   */
  public boolean mightBeMeantTyped() {
    return !declared && value instanceof String text && AttributeType.looksTyped(text);
  }
}
