package dev.invitegate.contracts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Entra's identifiers (tenant, application) are GUIDs, written in any letter case; Invite Gate
 * compares and stores them in one form: lower-case.
 */
public final class Guid {

  private static final Pattern CANONICAL =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Guid() {}

  /** The canonical form of {@code text}: lower-case (whether or not it is a GUID). */
  public static String canonical(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** {@code text} in canonical form if it is a GUID in any letter case, else empty. */
  public static Optional<String> parse(String text) {
    String canonical = canonical(text);
    return isCanonical(canonical) ? Optional.of(canonical) : Optional.empty();
  }

  /** Whether {@code text} is a GUID already in canonical form. */
  public static boolean isCanonical(String text) {
    return CANONICAL.matcher(text).matches();
  }
}
