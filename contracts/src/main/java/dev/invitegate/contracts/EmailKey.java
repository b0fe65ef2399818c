package dev.invitegate.contracts;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * The normalised email address that keys an invitation: the Cosmos document id and partition key.
 *
 * <p>Every module derives the key through {@link #parse(String)} so that the address an upstream
 * system published and the address a user types at sign-up meet on the same document. Only the
 * provider-neutral normalisation is applied: dots and plus tags stay, because their meaning depends
 * on the mail provider.
 *
 * @param value the normalised address; the constructor rejects anything {@link #parse(String)}
 *     would have changed or rejected
 */
public record EmailKey(String value) {

  static final int MAX_LENGTH = 254;

  /** Validates that {@code value} is already a normalised, plausible address. */
  public EmailKey {
    Objects.requireNonNull(value, "value");
    if (!normalise(value).equals(value)) {
      throw new IllegalArgumentException(
          "not a normalised email key; derive it with EmailKey.parse");
    }
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("not an email address (" + problem + ")");
    }
  }

  /**
   * Normalises (trim, Unicode NFC, lower case in {@link Locale#ROOT}) and checks plausibility.
   *
   * @param raw an address as published or typed; may be null
   * @return the key, or the reason it is not an address (the reason never repeats the input)
   */
  public static Result parse(String raw) {
    if (raw == null) {
      return new Result.Invalid("missing");
    }
    String normalised = normalise(raw);
    String problem = problem(normalised);
    return problem == null
        ? new Result.Valid(new EmailKey(normalised))
        : new Result.Invalid(problem);
  }

  /**
   * Like {@link #parse(String)} for trusted inputs such as configuration and tests.
   *
   * @throws IllegalArgumentException with the reason, if {@code raw} is not a plausible address
   */
  public static EmailKey of(String raw) {
    return switch (parse(raw)) {
      case Result.Valid valid -> valid.key();
      case Result.Invalid invalid -> throw new IllegalArgumentException(invalid.reason());
    };
  }

  /** Hides the address so that a key can never leak into a log line by accident. */
  @Override
  public String toString() {
    return "EmailKey[***]";
  }

  private static String normalise(String raw) {
    String lower = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    // Lower-casing can, for a few characters, yield a sequence NFC would compose; normalising again
    // keeps parse idempotent, so a stored key always parses to itself.
    return Normalizer.isNormalized(lower, Normalizer.Form.NFC)
        ? lower
        : Normalizer.normalize(lower, Normalizer.Form.NFC);
  }

  private static String problem(String normalised) {
    if (normalised.isEmpty()) {
      return "empty";
    }
    if (normalised.length() > MAX_LENGTH) {
      return "longer than " + MAX_LENGTH + " characters";
    }
    int at = -1;
    for (int i = 0; i < normalised.length(); ) {
      int cp = normalised.codePointAt(i);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        return "contains whitespace";
      }
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE) {
        return "contains a control or invisible character";
      }
      if (cp == '@') {
        if (at >= 0) {
          return "more than one '@'";
        }
        at = i;
      }
      i += Character.charCount(cp);
    }
    if (at < 0) {
      return "missing '@'";
    }
    if (at == 0) {
      return "empty local part";
    }
    if (at == normalised.length() - 1) {
      return "empty domain";
    }
    return null;
  }

  /** The outcome of {@link #parse(String)}. */
  public sealed interface Result permits Result.Valid, Result.Invalid {

    /** A plausible address. */
    record Valid(EmailKey key) implements Result {
      public Valid {
        Objects.requireNonNull(key, "key");
      }
    }

    /**
     * Not a plausible address.
     *
     * @param reason what is wrong, without repeating the input, e.g. {@code missing '@'}
     */
    record Invalid(String reason) implements Result {
      public Invalid {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }
}
