package dev.invitegate.responder.http;

import dev.invitegate.responder.signup.EventKind;
import dev.invitegate.responder.signup.Ruling;
import dev.invitegate.responder.signup.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters and latency histograms, written in the Prometheus text format. Thread-safe. */
public final class ResponderMetrics {

  private static final double[] LATENCY_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 2.0
  };

  private final Map<String, String> help = new ConcurrentHashMap<>();
  private final Map<String, String> types = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Histogram requestSeconds = new Histogram();
  private final Histogram storeReadSeconds = new Histogram();

  public ResponderMetrics() {
    describe("invitegate_http_requests_total", "counter", "Calls of /entra/events by HTTP status.");
    describe(
        "invitegate_decisions_total", "counter", "Answers given, by event, action and reason.");
    describe(
        "invitegate_store_failures_total",
        "counter",
        "Invitation reads that timed out or failed; each one blocked a sign-up.");
    describe("invitegate_token_rejections_total", "counter", "Bearer tokens refused, by reason.");
    describe(
        "invitegate_request_duration_seconds",
        "histogram",
        "Time from the start of handling to the answer.");
    describe(
        "invitegate_store_read_duration_seconds",
        "histogram",
        "Time of the invitation point read, failed reads included.");
    describe("process_resident_memory_bytes", "gauge", "Resident memory of this process.");
  }

  void request(int status, Duration took) {
    increment("invitegate_http_requests_total{status=\"" + status + "\"}");
    requestSeconds.observe(took);
  }

  /** A call answered with an error status; not timed, so errors cannot flatter the latency. */
  void rejected(int status) {
    increment("invitegate_http_requests_total{status=\"" + status + "\"}");
  }

  void decision(EventKind kind, Ruling ruling) {
    increment(
        "invitegate_decisions_total{event=\""
            + kind.label()
            + "\",action=\""
            + action(ruling.verdict())
            + "\",reason=\""
            + ruling.reason()
            + "\"}");
    ruling.storeLatency().ifPresent(storeReadSeconds::observe);
    if (ruling.reason().startsWith("store_")) {
      increment("invitegate_store_failures_total{reason=\"" + ruling.reason() + "\"}");
    }
  }

  void tokenRejected(String reason) {
    increment("invitegate_token_rejections_total{reason=\"" + reason + "\"}");
  }

  /** The count of one series, for tests. */
  long count(String series) {
    LongAdder adder = counters.get(series);
    return adder == null ? 0 : adder.sum();
  }

  static String action(Verdict verdict) {
    return switch (verdict) {
      case Verdict.Continue ignored -> "continue";
      case Verdict.Prefill ignored -> "prefill";
      case Verdict.Modify ignored -> "modify";
      case Verdict.ShowValidationError ignored -> "validation_error";
      case Verdict.Block ignored -> "block";
      case Verdict.ProvideClaims ignored -> "claims";
    };
  }

  String render() {
    StringBuilder out = new StringBuilder(4096);
    Map<String, TreeMap<String, Long>> byName = new TreeMap<>();
    counters.forEach(
        (series, adder) ->
            byName
                .computeIfAbsent(series.substring(0, series.indexOf('{')), n -> new TreeMap<>())
                .put(series, adder.sum()));
    byName.forEach(
        (name, series) -> {
          header(out, name);
          series.forEach((s, v) -> out.append(s).append(' ').append(v).append('\n'));
        });
    requestSeconds.render(out, "invitegate_request_duration_seconds", this);
    storeReadSeconds.render(out, "invitegate_store_read_duration_seconds", this);
    long rss = residentBytes();
    if (rss >= 0) {
      header(out, "process_resident_memory_bytes");
      out.append("process_resident_memory_bytes ").append(rss).append('\n');
    }
    return out.toString();
  }

  private void describe(String name, String type, String text) {
    types.put(name, type);
    help.put(name, text);
  }

  private void header(StringBuilder out, String name) {
    out.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help.getOrDefault(name, name))
        .append('\n');
    out.append("# TYPE ").append(name).append(' ').append(types.getOrDefault(name, "untyped"));
    out.append('\n');
  }

  private void increment(String series) {
    counters.computeIfAbsent(series, s -> new LongAdder()).increment();
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

  private static final class Histogram {
    private final LongAdder[] buckets = new LongAdder[LATENCY_BUCKETS.length];
    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(Duration took) {
      double seconds = took.toNanos() / 1e9;
      for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
        if (seconds <= LATENCY_BUCKETS[i]) {
          buckets[i].increment();
          break;
        }
      }
      count.increment();
      sumNanos.add(took.toNanos());
    }

    void render(StringBuilder out, String name, ResponderMetrics metrics) {
      metrics.header(out, name);
      long cumulative = 0;
      for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
        cumulative += buckets[i].sum();
        out.append(name)
            .append("_bucket{le=\"")
            .append(String.format(Locale.ROOT, "%s", LATENCY_BUCKETS[i]))
            .append("\"} ")
            .append(cumulative)
            .append('\n');
      }
      long total = count.sum();
      out.append(name).append("_bucket{le=\"+Inf\"} ").append(total).append('\n');
      out.append(name).append("_sum ").append(sumNanos.sum() / 1e9).append('\n');
      out.append(name).append("_count ").append(total).append('\n');
    }
  }
}
