package dev.invitegate.responder.signup;

import java.util.Locale;

/**
 * How an invitation's attribute names meet the names Entra sends. A custom attribute reaches the
 * extension as {@code extension_<b2c-extensions-app ID>_<name>}, while publishers may store the
 * bare {@code <name>}; letter case differs between docs, samples and tenants. Two names are the
 * same attribute when their bare names are equal ignoring case.
 */
final class AttributeName {

  private static final String EXTENSION_PREFIX = "extension_";

  private AttributeName() {}

  /**
   * The bare name: what follows {@code extension_<appId>_}, or the name itself. The app ID holds no
   * underscore, so the bare name starts after the second one.
   */
  static String bare(String name) {
    if (name.regionMatches(true, 0, EXTENSION_PREFIX, 0, EXTENSION_PREFIX.length())) {
      int end = name.indexOf('_', EXTENSION_PREFIX.length());
      if (end > EXTENSION_PREFIX.length() && end < name.length() - 1) {
        return name.substring(end + 1);
      }
    }
    return name;
  }

  /** Whether {@code a} and {@code b} name the same attribute. */
  static boolean same(String a, String b) {
    return bare(a).toLowerCase(Locale.ROOT).equals(bare(b).toLowerCase(Locale.ROOT));
  }
}
