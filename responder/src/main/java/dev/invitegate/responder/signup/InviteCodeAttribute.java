package dev.invitegate.responder.signup;

import java.util.Locale;
import java.util.Objects;

/**
 * Which attribute holds the invitation code: a secret the invitee types in, checked at Submit and
 * never prefilled. Matches the bare name or any custom attribute {@code extension_<appId>_<name>},
 * so the b2c-extensions-app ID need not be configured.
 */
public record InviteCodeAttribute(String name) {

  public InviteCodeAttribute {
    Objects.requireNonNull(name, "name");
    name = name.strip();
  }

  /** No attribute is an invitation code. */
  public static InviteCodeAttribute none() {
    return new InviteCodeAttribute("");
  }

  boolean matches(String attributeName) {
    if (name.isEmpty()) {
      return false;
    }
    String lower = attributeName.toLowerCase(Locale.ROOT);
    String wanted = name.toLowerCase(Locale.ROOT);
    return lower.equals(wanted) || (lower.startsWith("extension_") && lower.endsWith("_" + wanted));
  }

  /** Codes are compared as people type them: ignoring surrounding blanks and letter case. */
  static String normalise(Object code) {
    return String.valueOf(code).strip().toUpperCase(Locale.ROOT);
  }
}
