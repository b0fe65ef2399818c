package dev.invitegate.worker.settlement;

import dev.invitegate.runtime.Backoff;
import dev.invitegate.worker.projection.ProjectionOutcome;
import java.util.Objects;

/** The one mapping from a projection outcome to a settlement. */
public final class SettlementPolicy {

  /**
   * Service Bus caps the dead-letter description; a longer one would fail the settlement, so long
   * violation lists are cut and marked.
   */
  static final int MAX_DESCRIPTION_LENGTH = 1024;

  private final Backoff backoff;

  /**
   * @param backoff wait before abandoning a message that failed transiently: its first wait for a
   *     message delivered for the first time, doubled with each redelivery up to its ceiling
   */
  public SettlementPolicy(Backoff backoff) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  public Settlement decide(ProjectionOutcome outcome, long deliveryCount) {
    return switch (outcome) {
      case ProjectionOutcome.Applied applied -> new Settlement.Complete();
      case ProjectionOutcome.Stale stale -> new Settlement.Complete();
      case ProjectionOutcome.Poison poison ->
          new Settlement.DeadLetter(poison.code(), truncate(poison.description()));
      // The delivery count is 0 on the first delivery: one doubling per earlier delivery.
      case ProjectionOutcome.Transient failure ->
          new Settlement.Abandon(backoff.after(deliveryCount));
      case ProjectionOutcome.Fatal fatal -> new Settlement.AbandonAndStop(fatal.reason());
    };
  }

  private static String truncate(String description) {
    if (description.length() <= MAX_DESCRIPTION_LENGTH) {
      return description;
    }
    String marker = " ... (truncated)";
    return description.substring(0, MAX_DESCRIPTION_LENGTH - marker.length()) + marker;
  }
}
