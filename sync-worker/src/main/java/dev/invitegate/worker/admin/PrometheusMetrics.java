package dev.invitegate.worker.admin;

import dev.invitegate.worker.settlement.WorkerMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The worker's counters and histograms, rendered in the Prometheus text format. */
public final class PrometheusMetrics implements WorkerMetrics {

  private final LongAdder applied = new LongAdder();
  private final LongAdder stale = new LongAdder();
  private final LongAdder settlementFailed = new LongAdder();
  private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> abandoned = new ConcurrentHashMap<>();
  private final Histogram projection =
      new Histogram(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
  private final Histogram lag =
      new Histogram(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600);

  @Override
  public void applied(Duration projectionTime, Optional<Duration> enqueueToApplied) {
    applied.increment();
    projection.observe(projectionTime);
    enqueueToApplied.ifPresent(lag::observe);
  }

  @Override
  public void stale(Duration projectionTime) {
    stale.increment();
    projection.observe(projectionTime);
  }

  @Override
  public void deadLettered(String reason) {
    deadLettered.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  @Override
  public void abandoned(String cause) {
    abandoned.computeIfAbsent(cause, c -> new LongAdder()).increment();
  }

  @Override
  public void settlementFailed() {
    settlementFailed.increment();
  }

  public long appliedCount() {
    return applied.sum();
  }

  /** The exposition text served on {@code /metrics}. */
  public String scrape() {
    StringBuilder out = new StringBuilder(2048);
    counter(
        out,
        "invitegate_worker_events_applied_total",
        "Events that changed a document.",
        applied.sum());
    counter(
        out,
        "invitegate_worker_events_stale_total",
        "Events already reflected by the stored document (duplicates, older events).",
        stale.sum());
    labelled(
        out,
        "invitegate_worker_events_dead_lettered_total",
        "Poison events moved to the dead-letter queue, by DeadLetterReason.",
        "reason",
        deadLettered);
    labelled(
        out,
        "invitegate_worker_events_abandoned_total",
        "Events given back to the queue for a retry, by cause (transient, fatal, shutdown).",
        "cause",
        abandoned);
    counter(
        out,
        "invitegate_worker_settlement_failures_total",
        "Settlements that failed (usually a lost lock); the message is redelivered.",
        settlementFailed.sum());
    projection.write(
        out,
        "invitegate_worker_projection_seconds",
        "Time to parse, read, project and write one event.");
    lag.write(
        out,
        "invitegate_worker_enqueue_to_applied_seconds",
        "Time from enqueueing in Service Bus to the document being written.");
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void labelled(
      StringBuilder out, String name, String help, String label, Map<String, LongAdder> values) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    new TreeMap<>(values)
        .forEach(
            (value, count) ->
                out.append(name)
                    .append('{')
                    .append(label)
                    .append("=\"")
                    .append(escape(value))
                    .append("\"} ")
                    .append(count.sum())
                    .append('\n'));
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
