package dev.invitegate.responder.http;

import dev.invitegate.responder.signup.Action;
import dev.invitegate.responder.signup.EventKind;
import dev.invitegate.responder.signup.SignUpDecision;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The responder's meters, in the service's registry (served as Prometheus text on the admin port).
 * Each labelled counter is looked up once and kept: finding it in the registry on every call cost
 * more than counting.
 */
public final class ResponderMetrics {

  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2).plusNanos(500_000),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofMillis(750),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2)
  };

  private record DecisionKey(EventKind kind, String action, String reason) {}

  private final MeterRegistry registry;
  private final ConcurrentHashMap<Integer, Counter> requests = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<DecisionKey, Counter> decisions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> storeFailures = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> tokenRejections = new ConcurrentHashMap<>();
  private final Timer requestDuration;
  private final Timer storeReadDuration;

  /** With a registry of its own, which the admin port serves; {@link #close} releases it. */
  public ResponderMetrics() {
    this.registry = MeterRegistry.create();
    this.requestDuration =
        registry.getOrCreate(
            Timer.builder("invitegate.request.duration")
                .description("Time from the start of handling to the answer.")
                .buckets(LATENCY_BUCKETS));
    this.storeReadDuration =
        registry.getOrCreate(
            Timer.builder("invitegate.store.read.duration")
                .description("Time of the invitation point read, failed reads included.")
                .buckets(LATENCY_BUCKETS));
    registry.getOrCreate(
        Gauge.builder("process.resident.memory.bytes", ResponderMetrics::residentBytes)
            .description("Resident memory of this process."));
  }

  MeterRegistry registry() {
    return registry;
  }

  /** Releases the registry (every Helidon registry writes into one Micrometer registry). */
  public void close() {
    registry.close();
  }

  void request(int status, Duration took) {
    countRequest(status);
    requestDuration.record(took);
  }

  /** A call answered with an error status; not timed, so errors cannot flatter the latency. */
  void rejected(int status) {
    countRequest(status);
  }

  void decision(EventKind kind, SignUpDecision decision) {
    counter(
            decisions,
            new DecisionKey(kind, action(decision.action()), decision.reason()),
            key ->
                Counter.builder("invitegate.decisions")
                    .description("Answers given, by event, action and reason.")
                    .tags(
                        List.of(
                            Tag.create("event", key.kind().label()),
                            Tag.create("action", key.action()),
                            Tag.create("reason", key.reason()))))
        .increment();
    decision.storeLatency().ifPresent(storeReadDuration::record);
    if (decision.reason().startsWith("store_")) {
      counter(
              storeFailures,
              decision.reason(),
              reason ->
                  Counter.builder("invitegate.store.failures")
                      .description(
                          "Invitation reads that timed out or failed; each one blocked a sign-up.")
                      .tags(List.of(Tag.create("reason", reason))))
          .increment();
    }
  }

  void tokenRejected(String reason) {
    counter(
            tokenRejections,
            reason,
            r ->
                Counter.builder("invitegate.token.rejections")
                    .description("Bearer tokens refused, by reason.")
                    .tags(List.of(Tag.create("reason", r))))
        .increment();
  }

  private void countRequest(int status) {
    counter(
            requests,
            status,
            s ->
                Counter.builder("invitegate.http.requests")
                    .description("Calls of /entra/events by HTTP status.")
                    .tags(List.of(Tag.create("status", Integer.toString(s)))))
        .increment();
  }

  private <K> Counter counter(
      ConcurrentHashMap<K, Counter> cache, K key, Function<K, Counter.Builder> builder) {
    Counter counter = cache.get(key);
    return counter != null
        ? counter
        : cache.computeIfAbsent(key, k -> registry.getOrCreate(builder.apply(k)));
  }

  static String action(Action action) {
    return switch (action) {
      case Action.Continue ignored -> "continue";
      case Action.Prefill ignored -> "prefill";
      case Action.Modify ignored -> "modify";
      case Action.ShowValidationError ignored -> "validation_error";
      case Action.Block ignored -> "block";
      case Action.ProvideClaims ignored -> "claims";
    };
  }

  /** VmRSS from /proc, where there is one; -1 elsewhere. */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String kib = line.substring(6).trim().split("\\s+")[0];
          return Long.parseLong(kib) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
