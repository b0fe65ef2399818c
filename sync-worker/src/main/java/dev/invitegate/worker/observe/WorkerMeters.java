package dev.invitegate.worker.observe;

import dev.invitegate.worker.settlement.WorkerMetrics;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link WorkerMetrics} as Helidon meters in one registry. Prometheus names: dots become
 * underscores, counters end in {@code _total}, timers are histograms in seconds ({@code
 * _seconds_bucket}, {@code _count}, {@code _sum}).
 */
public final class WorkerMeters implements WorkerMetrics {

  static final String APPLIED = "invitegate.worker.events.applied";
  static final String STALE = "invitegate.worker.events.stale";
  static final String DEAD_LETTERED = "invitegate.worker.events.dead_lettered";
  static final String ABANDONED = "invitegate.worker.events.abandoned";
  static final String SETTLEMENT_FAILURES = "invitegate.worker.settlement.failures";
  static final String PROJECTION = "invitegate.worker.projection";
  static final String ENQUEUE_TO_APPLIED = "invitegate.worker.enqueue_to_applied";

  private final MeterRegistry registry;
  private final Counter applied;
  private final Counter stale;
  private final Counter settlementFailures;
  private final Timer projection;
  private final Timer enqueueToApplied;
  // One meter per label value, looked up once: the values are a small closed set.
  private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
  private final Map<String, Counter> abandoned = new ConcurrentHashMap<>();

  public WorkerMeters(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    applied = counter(APPLIED, "Events that changed a document.", List.of());
    stale =
        counter(
            STALE,
            "Events already reflected by the stored document (duplicates, older events).",
            List.of());
    settlementFailures =
        counter(
            SETTLEMENT_FAILURES,
            "Settlements that failed (usually a lost lock); the message is redelivered.",
            List.of());
    projection =
        timer(
            PROJECTION,
            "Time to parse, read, project and write one event.",
            seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10));
    enqueueToApplied =
        timer(
            ENQUEUE_TO_APPLIED,
            "Time from enqueueing in Service Bus to the document being written.",
            seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600));
  }

  @Override
  public void applied(Duration projectionTime, Optional<Duration> enqueueToApplied) {
    applied.increment();
    projection.record(projectionTime);
    // The broker's clock stamps the enqueue time; a skew must not drop the sample.
    enqueueToApplied.ifPresent(lag -> this.enqueueToApplied.record(atLeastZero(lag)));
  }

  @Override
  public void stale(Duration projectionTime) {
    stale.increment();
    projection.record(projectionTime);
  }

  @Override
  public void deadLettered(String reason) {
    deadLettered.computeIfAbsent(reason, this::deadLetteredCounter).increment();
  }

  @Override
  public void abandoned(String cause) {
    abandoned.computeIfAbsent(cause, this::abandonedCounter).increment();
  }

  @Override
  public void settlementFailed() {
    settlementFailures.increment();
  }

  private Counter deadLetteredCounter(String reason) {
    return counter(
        DEAD_LETTERED,
        "Poison events moved to the dead-letter queue, by DeadLetterReason.",
        List.of(Tag.create("reason", reason)));
  }

  private Counter abandonedCounter(String cause) {
    return counter(
        ABANDONED,
        "Events given back to the queue for a retry, by cause (transient, fatal, shutdown).",
        List.of(Tag.create("cause", cause)));
  }

  private Counter counter(String name, String description, List<Tag> tags) {
    return registry.getOrCreate(Counter.builder(name).description(description).tags(tags));
  }

  private Timer timer(String name, String description, Duration[] buckets) {
    return registry.getOrCreate(
        Timer.builder(name)
            .description(description)
            // Helidon adds client-side percentiles by default; they cannot be aggregated across
            // replicas, the buckets can.
            .percentiles(new double[0])
            .buckets(buckets));
  }

  private static Duration[] seconds(double... bounds) {
    Duration[] buckets = new Duration[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      buckets[i] = Duration.ofNanos(Math.round(bounds[i] * 1e9));
    }
    return buckets;
  }

  private static Duration atLeastZero(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
