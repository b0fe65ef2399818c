package dev.invitegate.worker.settlement;

import dev.invitegate.worker.projection.ProjectionOutcome;
import java.time.Duration;

/** The one mapping from a projection outcome to a settlement. */
public final class SettlementPolicy {

  /**
   * Service Bus caps the dead-letter description; a longer one would fail the settlement, so long
   * violation lists are cut and marked.
   */
  static final int MAX_DESCRIPTION_LENGTH = 1024;

  private final Duration baseBackoff;
  private final Duration maxBackoff;

  /**
   * @param baseBackoff wait before abandoning a message delivered for the first time
   * @param maxBackoff ceiling of the wait, which doubles with each redelivery
   */
  public SettlementPolicy(Duration baseBackoff, Duration maxBackoff) {
    if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= baseBackoff <= maxBackoff");
    }
    this.baseBackoff = baseBackoff;
    this.maxBackoff = maxBackoff;
  }

  public Settlement decide(ProjectionOutcome outcome, long deliveryCount) {
    return switch (outcome) {
      case ProjectionOutcome.Applied applied -> new Settlement.Complete();
      case ProjectionOutcome.Stale stale -> new Settlement.Complete();
      case ProjectionOutcome.Rejected rejected ->
          new Settlement.DeadLetter(rejected.code(), truncate(rejected.description()));
      case ProjectionOutcome.Transient failure -> new Settlement.Abandon(backoff(deliveryCount));
      case ProjectionOutcome.Fatal fatal -> new Settlement.AbandonAndStop(fatal.reason());
    };
  }

  /** Doubles per earlier delivery (the count is 0 on the first delivery). */
  Duration backoff(long deliveryCount) {
    long doublings = Math.max(0, Math.min(deliveryCount, 20));
    Duration wait = baseBackoff.multipliedBy(1L << doublings);
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private static String truncate(String description) {
    if (description.length() <= MAX_DESCRIPTION_LENGTH) {
      return description;
    }
    String marker = " ... (truncated)";
    return description.substring(0, MAX_DESCRIPTION_LENGTH - marker.length()) + marker;
  }
}
