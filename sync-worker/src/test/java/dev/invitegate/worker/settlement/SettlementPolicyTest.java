package dev.invitegate.worker.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.InvitationRevoked;
import dev.invitegate.runtime.Backoff;
import dev.invitegate.worker.projection.ProjectionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlementPolicyTest {

  private static final InvitationEvent EVENT =
      new InvitationRevoked(
          "e1",
          "/tests",
          Instant.parse("2026-01-01T00:00:00Z"),
          EmailKey.of("a@example.com"),
          Optional.empty());

  private final SettlementPolicy policy =
      new SettlementPolicy(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5)));

  @Test
  void completes_whenApplied() {
    assertThat(policy.decide(new ProjectionOutcome.Applied(EVENT), 1))
        .isEqualTo(new Settlement.Complete());
  }

  @Test
  void completes_whenStale() {
    assertThat(policy.decide(new ProjectionOutcome.Stale(EVENT), 3))
        .isEqualTo(new Settlement.Complete());
  }

  @Test
  void deadLettersAtOnceWithCodeAndDescription_whenPoison() {
    Settlement settlement =
        policy.decide(
            new ProjectionOutcome.Poison("InvalidEvent", "data.email: not an email address"), 1);

    assertThat(settlement)
        .isEqualTo(new Settlement.DeadLetter("InvalidEvent", "data.email: not an email address"));
  }

  @Test
  void cutsDescription_whenLongerThanServiceBusAccepts() {
    Settlement settlement =
        policy.decide(new ProjectionOutcome.Poison("InvalidEvent", "x".repeat(5_000)), 1);

    assertThat(((Settlement.DeadLetter) settlement).description())
        .hasSize(SettlementPolicy.MAX_DESCRIPTION_LENGTH)
        .endsWith("(truncated)");
  }

  @Test
  void abandonsAfterBaseBackoff_whenTransientOnFirstDelivery() {
    assertThat(policy.decide(new ProjectionOutcome.Transient(EVENT, "429", null), 0))
        .isEqualTo(new Settlement.Abandon(Duration.ofMillis(500)));
  }

  @Test
  void doublesBackoffUpToCeiling_whenTransientAgain() {
    assertThat(policy.decide(new ProjectionOutcome.Transient(EVENT, "503", null), 2))
        .isEqualTo(new Settlement.Abandon(Duration.ofMillis(2_000)));
    assertThat(policy.decide(new ProjectionOutcome.Transient(EVENT, "503", null), 60))
        .isEqualTo(new Settlement.Abandon(Duration.ofSeconds(5)));
  }

  @Test
  void abandonsAndStops_whenFatal() {
    assertThat(policy.decide(new ProjectionOutcome.Fatal("401 unauthorized", null), 1))
        .isEqualTo(new Settlement.AbandonAndStop("401 unauthorized"));
  }
}
