package dev.invitegate.worker.cli;

import dev.invitegate.contracts.EmailKey;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How commands read times, durations and email addresses from their arguments. */
final class Conversions {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})([smhdw])");

  private Conversions() {}

  /**
   * An instant: {@code 2026-03-01T09:30:00Z}, with any offset, or a day, {@code 2026-03-01} UTC.
   */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeException e) {
        // Not a date-time; perhaps a day.
      }
      try {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeException e) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a time; expected e.g. 2026-03-01T09:30:00Z or 2026-03-01 (UTC)");
      }
    }
  }

  /**
   * A positive duration: {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w}, or ISO 8601
   * ({@code PT12H}, {@code P30D}).
   */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration = parse(value.strip().toLowerCase(Locale.ROOT));
      if (duration == null || duration.isZero() || duration.isNegative()) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a positive duration; expected e.g. 90s, 30m, 12h, 7d, 2w, PT12H or P30D");
      }
      return duration;
    }

    private static Duration parse(String value) {
      Matcher matcher = SHORT_DURATION.matcher(value);
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          case "d" -> Duration.ofDays(amount);
          default -> Duration.ofDays(amount * 7);
        };
      }
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeException e) {
        return null;
      }
    }
  }

  /** An email address, normalised as the contract keys invitations. */
  static final class EmailConverter implements ITypeConverter<EmailKey> {
    @Override
    public EmailKey convert(String value) {
      return switch (EmailKey.parse(value)) {
        case EmailKey.Result.Valid valid -> valid.key();
        case EmailKey.Result.Invalid invalid ->
            throw new TypeConversionException("not an email address (" + invalid.reason() + ")");
      };
    }
  }
}
