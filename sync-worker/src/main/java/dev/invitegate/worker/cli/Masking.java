package dev.invitegate.worker.cli;

/**
 * An email address as commands show it in lists: enough for an operator to recognise it, not enough
 * to copy it ({@code g***@example.org}). Not the logs' keyed hash: a person reads this.
 */
final class Masking {

  private Masking() {}

  static String email(String address) {
    if (address == null || address.isBlank()) {
      return "";
    }
    String trimmed = address.strip();
    int at = trimmed.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    return trimmed
            .codePoints()
            .limit(1)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        + "***"
        + trimmed.substring(at);
  }

  /**
   * A secret such as an invitation code: its first two characters when it is long enough that two
   * give little away, else nothing of it.
   */
  static String secret(Object value) {
    String text = String.valueOf(value);
    if (text.codePointCount(0, text.length()) < 8) {
      return "***";
    }
    return text.substring(0, text.offsetByCodePoints(0, 2)) + "***";
  }
}
