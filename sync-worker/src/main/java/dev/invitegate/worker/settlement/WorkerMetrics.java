package dev.invitegate.worker.settlement;

import java.time.Duration;
import java.util.Optional;

/** What the worker counts and times; the admin adapter exports it. */
public interface WorkerMetrics {

  void applied(Duration projectionTime, Optional<Duration> enqueueToApplied);

  void stale(Duration projectionTime);

  void deadLettered(String reason);

  /**
   * @param cause {@code transient}, {@code fatal} or {@code shutdown}
   */
  void abandoned(String cause);

  /** The message was handled but settling it failed (usually a lost lock); it will come back. */
  void settlementFailed();
}
