package dev.invitegate.responder.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The arithmetic of the benchmark's report, apart from the processes it drives so that it can be
 * tested: the median and spread of a figure over rounds, and each target's verdict. A target counts
 * as met when its median is, as the issue that set the targets says.
 */
final class BenchFigures {

  /** The responder's CPU per call may be at most this many times its two ingredients' sum. */
  static final double CPU_RATIO_LIMIT = 1.2;

  /** The responder's p99 may exceed the bare endpoint's plus the point read's by this much. */
  static final double P99_MARGIN_MS = 2.0;

  /** The p99.9 limit at the highest rate. */
  static final double P999_LIMIT_MS = 25.0;

  /** The first seconds after ready: every call answered, p99 under this. */
  static final double FIRST_SECONDS_P99_LIMIT_MS = 100.0;

  static final long READY_LIMIT_MS = 1500;

  static final double RSS_LIMIT_MIB = 256.0;

  private BenchFigures() {}

  /** The median, least and greatest of a figure measured once a round. */
  record Spread(double median, double min, double max, int count) {

    static Spread of(double... values) {
      double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
      if (finite.length == 0) {
        return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
      }
      int n = finite.length;
      double median = n % 2 == 1 ? finite[n / 2] : (finite[n / 2 - 1] + finite[n / 2]) / 2.0;
      return new Spread(median, finite[0], finite[n - 1], n);
    }

    static Spread of(List<Double> values) {
      return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** {@code median [min..max]}, each with {@code decimals} places; one value alone as itself. */
    String format(int decimals) {
      if (count == 0) {
        return "-";
      }
      String one = "%." + decimals + "f";
      if (count == 1) {
        return String.format(Locale.ROOT, one, median);
      }
      return String.format(Locale.ROOT, one + " [" + one + ".." + one + "]", median, min, max);
    }
  }

  /** What a target came to: met, missed, or not measured in this run (with why). */
  enum Verdict {
    MET,
    MISSED,
    NOT_MEASURED
  }

  /** One line of the targets' summary. */
  record Judged(String target, Verdict verdict, String figures) {
    String line() {
      return String.format(
          Locale.ROOT, "%-12s %s: %s", verdict.name().replace('_', ' '), target, figures);
    }
  }

  /**
   * Whether a target's JIT has settled: the last warm-up slice added fewer than 1 % of all its
   * compilations so far. An unreadable count ({@code -1}) never settles: the warm-up then runs to
   * its cap.
   */
  static boolean compilationSettled(long addedInSlice, long total) {
    return addedInSlice >= 0 && total > 0 && addedInSlice * 100 < total;
  }

  /** Per round: the responder's CPU per call over the bare endpoint's plus the point read's. */
  static double cpuRatio(double responderUs, double bareUs, double pointReadUs) {
    double ingredients = bareUs + pointReadUs;
    return ingredients > 0 ? responderUs / ingredients : Double.NaN;
  }

  /** Per round: how far the responder's p99 exceeds the bare endpoint's plus the point read's. */
  static double p99Excess(double responderMs, double bareMs, double pointReadMs) {
    return responderMs - (bareMs + pointReadMs);
  }

  static Judged cpuRatioTarget(int rate, Spread ratio) {
    String target = String.format(Locale.ROOT, "CPU/call at %d req/s", rate);
    if (ratio.count() == 0) {
      return notMeasured(target);
    }
    return new Judged(
        target,
        ratio.median() <= CPU_RATIO_LIMIT ? Verdict.MET : Verdict.MISSED,
        String.format(
            Locale.ROOT,
            "responder / (bare + point read) = %s (limit %.1f)",
            ratio.format(2),
            CPU_RATIO_LIMIT));
  }

  /** Calls that failed miss the target whatever the percentiles say. */
  static Judged p99Target(int rate, Spread excessMs, long responderErrors) {
    String target = String.format(Locale.ROOT, "p99 at %d req/s", rate);
    if (excessMs.count() == 0) {
      return notMeasured(target);
    }
    boolean met = responderErrors == 0 && excessMs.median() <= P99_MARGIN_MS;
    return new Judged(
        target,
        met ? Verdict.MET : Verdict.MISSED,
        String.format(
            Locale.ROOT,
            "responder p99 - (bare p99 + point-read p99) = %s ms (limit +%.0f ms); responder"
                + " errors %d",
            excessMs.format(3),
            P99_MARGIN_MS,
            responderErrors));
  }

  static Judged p999Target(int rate, Spread p999Ms, long responderErrors) {
    String target = String.format(Locale.ROOT, "p99.9 at %d req/s", rate);
    if (p999Ms.count() == 0) {
      return notMeasured(target);
    }
    boolean met = responderErrors == 0 && p999Ms.median() < P999_LIMIT_MS;
    return new Judged(
        target,
        met ? Verdict.MET : Verdict.MISSED,
        String.format(
            Locale.ROOT,
            "responder p99.9 = %s ms (limit %.0f ms); responder errors %d",
            p999Ms.format(3),
            P999_LIMIT_MS,
            responderErrors));
  }

  /** Every start must pass: a replica that breaks sign-ups once is one too many. */
  static Judged firstSecondsTarget(String label, List<OpenLoop.Result> firstCalls) {
    String target = "first seconds after ready, " + label;
    if (firstCalls.isEmpty()) {
      return notMeasured(target);
    }
    long failedStarts =
        firstCalls.stream()
            .filter(r -> r.errors() > 0 || r.percentileMs(99) >= FIRST_SECONDS_P99_LIMIT_MS)
            .count();
    long errors = firstCalls.stream().mapToLong(OpenLoop.Result::errors).sum();
    double worstP99 =
        firstCalls.stream().mapToDouble(r -> r.percentileMs(99)).max().orElse(Double.NaN);
    return new Judged(
        target,
        failedStarts == 0 ? Verdict.MET : Verdict.MISSED,
        String.format(
            Locale.ROOT,
            "%d of %d starts passed; errors %d; worst p99 %.1f ms (limit: no error, p99 < %.0f"
                + " ms)",
            firstCalls.size() - failedStarts,
            firstCalls.size(),
            errors,
            worstP99,
            FIRST_SECONDS_P99_LIMIT_MS));
  }

  static Judged readyTarget(String label, long[] readyMs) {
    String target = "time to ready, " + label;
    if (readyMs.length == 0) {
      return notMeasured(target);
    }
    Spread ready = Spread.of(Arrays.stream(readyMs).asDoubleStream().toArray());
    return new Judged(
        target,
        ready.median() <= READY_LIMIT_MS ? Verdict.MET : Verdict.MISSED,
        String.format(
            Locale.ROOT,
            "median %s ms over %d starts (limit %d ms)",
            ready.format(0),
            readyMs.length,
            READY_LIMIT_MS));
  }

  static Judged rssTarget(OptionalDouble maxMiB) {
    String target = "RSS under load";
    if (maxMiB.isEmpty()) {
      return notMeasured(target);
    }
    return new Judged(
        target,
        maxMiB.getAsDouble() <= RSS_LIMIT_MIB ? Verdict.MET : Verdict.MISSED,
        String.format(
            Locale.ROOT,
            "largest sample %.1f MiB over every measured run (limit %.0f MiB)",
            maxMiB.getAsDouble(),
            RSS_LIMIT_MIB));
  }

  private static Judged notMeasured(String target) {
    return new Judged(target, Verdict.NOT_MEASURED, "not in this run's rates or starts");
  }
}
