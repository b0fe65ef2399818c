package dev.invitegate.responder.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Fires calls at a fixed rate whatever the answers do, and times each from its scheduled send time,
 * so a stall shows up in every call it delayed (no coordinated omission).
 */
final class OpenLoop {

  /** One call; completes with true when the answer counts as a success. */
  interface Call extends Supplier<CompletableFuture<Boolean>> {}

  record Result(String name, int rate, long[] latenciesNanos, long errors) {
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
          "%-22s %5d req/s  n=%6d  errors=%5d  p50=%8.3f ms  p99=%8.3f ms  p99.9=%8.3f ms  max=%8.3f ms",
          name,
          rate,
          latenciesNanos.length,
          errors,
          percentileMs(50),
          percentileMs(99),
          percentileMs(99.9),
          percentileMs(100));
    }
  }

  static Result run(String name, int rate, int seconds, Call call) throws InterruptedException {
    int total = rate * seconds;
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long[] latencies = new long[total];
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    for (int i = 0; i < total; i++) {
      long scheduled = start + i * interval;
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int slot = i;
      CompletableFuture<Boolean> answer;
      try {
        answer = call.get();
      } catch (RuntimeException e) {
        answer = CompletableFuture.completedFuture(false);
      }
      answer.whenComplete(
          (ok, failure) -> {
            latencies[slot] = System.nanoTime() - scheduled;
            if (failure != null || !Boolean.TRUE.equals(ok)) {
              errors.incrementAndGet();
            }
            done.countDown();
          });
    }
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + ": answers still missing after 60 s");
    }
    Arrays.sort(latencies);
    return new Result(name, rate, latencies, errors.get());
  }

  private OpenLoop() {}
}
