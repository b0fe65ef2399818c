package dev.invitegate.worker.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeSummaryTest {

  private final RecordingMetrics forwarded = new RecordingMetrics();
  private final OutcomeSummary summary = OutcomeSummary.start(forwarded, Duration.ofHours(1));

  @Test
  void sumsUpEachKindOfOutcome_sinceTheLastSummary() {
    summary.applied(Duration.ofMillis(1), Optional.empty());
    summary.applied(Duration.ofMillis(1), Optional.empty());
    summary.stale(Duration.ofMillis(1));
    summary.deadLettered("InvalidEvent");
    summary.abandoned("transient");
    summary.abandoned("shutdown");
    summary.settlementFailed();

    assertThat(summary.takeSummary())
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith("event=summary seconds=")
                    .endsWith(
                        " applied=2 stale=1 deadLettered=1 abandoned=2 settlementFailures=1"));
    summary.stale(Duration.ofMillis(1));
    assertThat(summary.takeSummary())
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .endsWith(
                        " applied=0 stale=1 deadLettered=0 abandoned=0 settlementFailures=0"));
    summary.close();
  }

  @Test
  void saysNothing_whenNothingHappened() {
    assertThat(summary.takeSummary()).isEmpty();
    summary.close();
  }

  @Test
  void forwardsEveryCount_toTheMetricsItDecorates() {
    summary.applied(Duration.ofMillis(1), Optional.of(Duration.ofSeconds(2)));
    summary.stale(Duration.ofMillis(1));
    summary.deadLettered("MalformedJson");
    summary.abandoned("fatal");
    summary.settlementFailed();
    summary.close();

    assertThat(forwarded.events)
        .containsExactly(
            "applied lag=PT2S",
            "stale",
            "deadLettered MalformedJson",
            "abandoned fatal",
            "settlementFailed");
  }
}
