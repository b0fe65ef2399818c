package dev.invitegate.worker.admin;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram in seconds with fixed buckets; lock-free. */
final class Histogram {

  private final double[] bounds;
  private final AtomicLongArray buckets;
  private final DoubleAdder sum = new DoubleAdder();
  private final LongAdder count = new LongAdder();

  Histogram(double... bounds) {
    this.bounds = bounds.clone();
    this.buckets = new AtomicLongArray(bounds.length);
  }

  void observe(Duration duration) {
    double seconds = Math.max(0, duration.toNanos() / 1e9);
    for (int i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]) {
        buckets.incrementAndGet(i);
        break;
      }
    }
    sum.add(seconds);
    count.increment();
  }

  void write(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" histogram\n");
    long cumulative = 0;
    for (int i = 0; i < bounds.length; i++) {
      cumulative += buckets.get(i);
      out.append(name)
          .append("_bucket{le=\"")
          .append(format(bounds[i]))
          .append("\"} ")
          .append(cumulative)
          .append('\n');
    }
    long total = count.sum();
    out.append(name).append("_bucket{le=\"+Inf\"} ").append(total).append('\n');
    out.append(name).append("_sum ").append(format(sum.sum())).append('\n');
    out.append(name).append("_count ").append(total).append('\n');
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }
}
