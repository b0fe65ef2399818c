package dev.invitegate.responder.signup;

import java.util.Locale;
import java.util.Objects;

/**
 * Which attribute holds the invitation code: a secret the invitee types in, checked at Submit and
 * never prefilled. One rule finds it everywhere, in the invitation and in Entra's payload: the same
 * attribute by {@link AttributeName#same}, so the bare name, any {@code extension_<appId>_<name>}
 * and any letter case all count, and the b2c-extensions-app ID need not be configured.
 *
 * @param name the configured name, bare or in extension form; empty turns the check off
 */
public record InviteCodeAttribute(String name) {

  public InviteCodeAttribute {
    Objects.requireNonNull(name, "name");
    name = name.strip();
  }

  /** Whether the attribute called {@code attributeName} carries the invitation code. */
  boolean matches(String attributeName) {
    return !name.isEmpty() && AttributeName.same(name, attributeName);
  }

  /**
   * A code as people type it: surrounding blanks and letter case do not count. Empty when the value
   * carries no code at all (null, empty or blank).
   */
  static String normalise(Object code) {
    return code == null ? "" : String.valueOf(code).strip().toUpperCase(Locale.ROOT);
  }
}
