package dev.invitegate.worker.settlement;

import java.time.Duration;
import java.util.Objects;

/** What to do with a received message; decided only by {@link SettlementPolicy}. */
public sealed interface Settlement {

  /** Done: remove the message from the queue. */
  record Complete() implements Settlement {}

  /**
   * Poison: move it to the dead-letter sub-queue at once, never retry.
   *
   * @param reason short stable code, e.g. {@code InvalidEvent}
   * @param description which field is wrong and how
   */
  record DeadLetter(String reason, String description) implements Settlement {
    public DeadLetter {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("reason must not be blank");
      }
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * Give it back after waiting {@code backoff}, so Service Bus redelivers it and its max delivery
   * count bounds the retries.
   */
  record Abandon(Duration backoff) implements Settlement {
    public Abandon {
      if (backoff == null || backoff.isNegative()) {
        throw new IllegalArgumentException("backoff must be zero or positive");
      }
    }
  }

  /** Give it back at once and stop the worker: no message can succeed until an operator acts. */
  record AbandonAndStop(String reason) implements Settlement {
    public AbandonAndStop {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
