package dev.invitegate.runtime.logging;

import java.util.regex.Pattern;

/**
 * Values written into log lines, escaped one way: as JSON strings. A value that came from outside
 * (a message id, a correlation id, a reason) can then never forge a line or a field, and every line
 * stays readable by a JSON or logfmt parser.
 */
public final class LogValues {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/@*+-]{1,200}");

  private LogValues() {}

  /** {@code value} bare when it is a plain token, else as a JSON string: for key=value lines. */
  public static String field(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    return appendJsonString(new StringBuilder(value.length() + 8), value).toString();
  }

  /** Appends {@code value} as a JSON string literal, quotes included. */
  public static StringBuilder appendJsonString(StringBuilder line, String value) {
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            line.append("\\u").append(String.format("%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    return line.append('"');
  }
}
