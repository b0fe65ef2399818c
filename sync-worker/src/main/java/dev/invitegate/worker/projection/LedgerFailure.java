package dev.invitegate.worker.projection;

import java.util.Objects;

/**
 * The ledger could not answer. Unlike a miss or a conflict this is not an outcome of the projection
 * rules, so it travels as an exception; the projector turns it into a value at once.
 */
public final class LedgerFailure extends RuntimeException {

  /** Whether trying again later can help. */
  public enum Kind {
    /** Throttling, timeouts, 5xx, lost connections: retry the message later. */
    TRANSIENT,
    /** Wrong credentials, missing container: no retry can help, the operator must act. */
    FATAL
  }

  private final Kind kind;

  public LedgerFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
