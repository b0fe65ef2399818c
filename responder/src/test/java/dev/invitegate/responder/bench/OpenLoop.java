package dev.invitegate.responder.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Fires calls at a fixed rate whatever the answers do, and times each from its scheduled send time,
 * so a stall shows up in every call it delayed (no coordinated omission).
 *
 * <p>Bounded in count, time and memory: every call gets {@code timeout} (then it counts as an error
 * with latency {@code timeout}), at most {@code maxInFlight} calls are outstanding (a call that
 * would exceed it is not sent and counts as shed, an error with latency {@code timeout}), and a run
 * lasts at most {@code calls / rate + timeout} plus a little slack.
 */
final class OpenLoop {

  /** One call; completes with true when the answer counts as a success. */
  interface Call extends Supplier<CompletableFuture<Boolean>> {}

  private static final long UNANSWERED = -1;
  private static final Duration SLACK = Duration.ofSeconds(5);

  record Result(
      String name, int rate, long[] latenciesNanos, long errors, long timeouts, long shed) {
    double percentileMs(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
      return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-18s %5d req/s  n=%6d  errors=%5d (timeouts %d, shed %d)  p50=%8.3f ms"
              + "  p99=%8.3f ms  p99.9=%8.3f ms  max=%8.3f ms",
          name,
          rate,
          latenciesNanos.length,
          errors,
          timeouts,
          shed,
          percentileMs(50),
          percentileMs(99),
          percentileMs(99.9),
          percentileMs(100));
    }
  }

  static Result run(
      String name, int rate, Duration length, Duration timeout, int maxInFlight, Call call) {
    int total = Math.toIntExact(rate * length.toSeconds());
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long timeoutNanos = timeout.toNanos();
    AtomicLongArray latencies = new AtomicLongArray(total);
    AtomicLong errors = new AtomicLong();
    AtomicLong timeouts = new AtomicLong();
    AtomicLong shed = new AtomicLong();
    Semaphore inFlight = new Semaphore(maxInFlight);
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    for (int i = 0; i < total; i++) {
      latencies.set(i, UNANSWERED);
      long scheduled = start + i * interval;
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int slot = i;
      if (!inFlight.tryAcquire()) {
        shed.incrementAndGet();
        errors.incrementAndGet();
        latencies.set(slot, timeoutNanos);
        done.countDown();
        continue;
      }
      CompletableFuture<Boolean> answer;
      try {
        answer = call.get().orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
      } catch (RuntimeException e) {
        answer = CompletableFuture.completedFuture(false);
      }
      answer.whenComplete(
          (ok, failure) -> {
            long latency = System.nanoTime() - scheduled;
            if (failure instanceof java.util.concurrent.TimeoutException) {
              timeouts.incrementAndGet();
              latency = Math.max(latency, timeoutNanos);
            }
            if (failure != null || !Boolean.TRUE.equals(ok)) {
              errors.incrementAndGet();
            }
            latencies.set(slot, latency);
            inFlight.release();
            done.countDown();
          });
    }
    boolean complete;
    try {
      complete = done.await(timeout.plus(SLACK).toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      complete = false;
    }
    long[] sorted = new long[total];
    for (int i = 0; i < total; i++) {
      long latency = latencies.get(i);
      if (latency == UNANSWERED) {
        // Only if a call ignored its timeout; counted, never waited for.
        timeouts.incrementAndGet();
        errors.incrementAndGet();
        latency = timeoutNanos;
      }
      sorted[i] = latency;
    }
    if (!complete) {
      System.out.println(name + ": some calls outlived their timeout; counted as timeouts");
    }
    Arrays.sort(sorted);
    return new Result(name, rate, sorted, errors.get(), timeouts.get(), shed.get());
  }

  private OpenLoop() {}
}
