package dev.invitegate.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConversionsTest {

  @Test
  void readsAnInstantWithAnyOffset_orADayAsItsStartInUtc() {
    Conversions.InstantConverter instant = new Conversions.InstantConverter();

    assertThat(instant.convert("2026-03-01T09:30:00Z"))
        .isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
    assertThat(instant.convert("2026-03-01T11:30:00+02:00"))
        .isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
    assertThat(instant.convert("2026-03-01")).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThatThrownBy(() -> instant.convert("2026-03-01T09:30:00"))
        .isInstanceOf(TypeConversionException.class);
  }

  @Test
  void readsShortAndIsoDurations_andRefusesNonPositiveOnes() {
    Conversions.DurationConverter duration = new Conversions.DurationConverter();

    assertThat(duration.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(duration.convert("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(duration.convert("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(duration.convert("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(duration.convert("2w")).isEqualTo(Duration.ofDays(14));
    assertThat(duration.convert(" 30D ")).isEqualTo(Duration.ofDays(30));
    assertThat(duration.convert("PT12H")).isEqualTo(Duration.ofHours(12));
    assertThat(duration.convert("P2D")).isEqualTo(Duration.ofDays(2));
    assertThat(duration.convert("p30d")).isEqualTo(Duration.ofDays(30));
    assertThatThrownBy(() -> duration.convert("PT0S")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> duration.convert("-1h")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> duration.convert("a week"))
        .isInstanceOf(TypeConversionException.class);
  }
}
