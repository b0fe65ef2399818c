package dev.invitegate.contracts;

import java.util.Locale;

/**
 * The contract's rule for attribute names: an attribute may be named as Entra names a custom one,
 * {@code extension_<b2c-extensions-app ID>_<name>}, or by its bare {@code <name>}, in any letter
 * case; two names are the same attribute when their bare names are equal ignoring case.
 */
public final class AttributeNames {

  private static final String EXTENSION_PREFIX = "extension_";

  private AttributeNames() {}

  /**
   * The bare name: what follows {@code extension_<appId>_}, or the name itself. The app ID holds no
   * underscore, so the bare name starts after the second one.
   */
  public static String bare(String name) {
    if (name.regionMatches(true, 0, EXTENSION_PREFIX, 0, EXTENSION_PREFIX.length())) {
      int end = name.indexOf('_', EXTENSION_PREFIX.length());
      if (end > EXTENSION_PREFIX.length() && end < name.length() - 1) {
        return name.substring(end + 1);
      }
    }
    return name;
  }

  /** Whether {@code a} and {@code b} name the same attribute. */
  public static boolean same(String a, String b) {
    return bare(a).toLowerCase(Locale.ROOT).equals(bare(b).toLowerCase(Locale.ROOT));
  }
}
