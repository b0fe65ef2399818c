package dev.invitegate.contracts;

/** Why an event body was rejected; {@link #code()} is the stable name for dead-letter reasons. */
public enum RejectionCode {
  /** The body is not a single JSON object (or repeats a key). */
  MALFORMED_JSON("MalformedJson"),
  /** A JSON object that breaks the contract. */
  INVALID_EVENT("InvalidEvent"),
  /** A {@code type} this contract does not define. */
  UNSUPPORTED_TYPE("UnsupportedType");

  private final String code;

  RejectionCode(String code) {
    this.code = code;
  }

  /** The stable, PascalCase name, e.g. {@code InvalidEvent}. */
  public String code() {
    return code;
  }
}
