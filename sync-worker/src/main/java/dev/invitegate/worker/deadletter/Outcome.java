package dev.invitegate.worker.deadletter;

import java.util.Objects;

/** What became of one selected dead-lettered message. */
public sealed interface Outcome {

  /**
   * A copy is in the queue and the dead-lettered message was removed.
   *
   * @param replayCount the copy's replay count
   */
  record Replayed(long replayCount) implements Outcome {}

  /** Removed from the dead-letter queue. */
  record Purged() implements Outcome {}

  /** Not replayed: replayed as many times as allowed already. */
  record Skipped(long replayCount) implements Outcome {}

  /**
   * A copy is in the queue, but the dead-lettered message could not be removed (its lock was lost):
   * it is still there, and replaying it again sends a duplicate, which projection ignores.
   */
  record SentStillDeadLettered(String why) implements Outcome {
    public SentStillDeadLettered {
      Objects.requireNonNull(why, "why");
    }
  }

  /** Nothing was sent or removed; the message is still dead-lettered. */
  record Failed(String why) implements Outcome {
    public Failed {
      Objects.requireNonNull(why, "why");
    }
  }

  /** Selected when peeked, but never received: locked by another receiver, or removed meanwhile. */
  record NotFound(String why) implements Outcome {
    public NotFound {
      Objects.requireNonNull(why, "why");
    }
  }
}
