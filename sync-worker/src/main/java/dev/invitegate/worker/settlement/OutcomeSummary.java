package dev.invitegate.worker.settlement;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happened to events, for a person watching the log at the default level: the lines of applied
 * and stale events are at debug (one per event is too many), so every period in which something
 * happened this logs one info line with the counts since the previous one, and a last one when it
 * is closed. Forwards every count to the metrics it decorates.
 */
public final class OutcomeSummary implements WorkerMetrics, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomeSummary.class);

  private final WorkerMetrics delegate;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private final AtomicLong settlementFailures = new AtomicLong();
  private final ScheduledExecutorService schedule =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("outcome-summary").factory());
  private final ReentrantLock lock = new ReentrantLock();
  private long since = System.nanoTime();

  private OutcomeSummary(WorkerMetrics delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Counts into {@code delegate} too, and logs a summary every {@code period} until closed. */
  public static OutcomeSummary start(WorkerMetrics delegate, Duration period) {
    OutcomeSummary summary = new OutcomeSummary(delegate);
    summary.schedule.scheduleAtFixedRate(
        summary::log, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    return summary;
  }

  @Override
  public void applied(Duration projectionTime, Optional<Duration> enqueueToApplied) {
    delegate.applied(projectionTime, enqueueToApplied);
    applied.incrementAndGet();
  }

  @Override
  public void stale(Duration projectionTime) {
    delegate.stale(projectionTime);
    stale.incrementAndGet();
  }

  @Override
  public void deadLettered(String reason) {
    delegate.deadLettered(reason);
    deadLettered.incrementAndGet();
  }

  @Override
  public void abandoned(String cause) {
    delegate.abandoned(cause);
    abandoned.incrementAndGet();
  }

  @Override
  public void settlementFailed() {
    delegate.settlementFailed();
    settlementFailures.incrementAndGet();
  }

  /**
   * The counts since the previous summary, and starts counting anew; empty when nothing happened.
   */
  Optional<String> takeSummary() {
    lock.lock();
    try {
      return summarise();
    } finally {
      lock.unlock();
    }
  }

  private Optional<String> summarise() {
    long now = System.nanoTime();
    long seconds = Math.round((now - since) / 1e9);
    since = now;
    long a = applied.getAndSet(0);
    long s = stale.getAndSet(0);
    long d = deadLettered.getAndSet(0);
    long b = abandoned.getAndSet(0);
    long f = settlementFailures.getAndSet(0);
    if (a + s + d + b + f == 0) {
      return Optional.empty();
    }
    return Optional.of(
        "event=summary seconds=%d applied=%d stale=%d deadLettered=%d abandoned=%d settlementFailures=%d"
            .formatted(seconds, a, s, d, b, f));
  }

  private void log() {
    takeSummary().ifPresent(LOG::info);
  }

  /** Stops the schedule and logs what happened since the last summary. */
  @Override
  public void close() {
    schedule.shutdownNow();
    log();
  }
}
