package dev.invitegate.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.worker.SyncWorker;
import dev.invitegate.worker.WorkerSettings;
import dev.invitegate.worker.it.LocalWorld;
import dev.invitegate.worker.it.Workload;
import dev.invitegate.worker.projection.InvitationProjector;
import dev.invitegate.worker.projection.ProjectionOutcome;
import dev.invitegate.worker.settlement.WorkerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Projects {@value #EVENTS} events end to end (Service Bus stand-in, worker, Cosmos emulator) and,
 * in the same run, through the bare read-plus-conditional-write loop the worker does per event,
 * then prints rates, lag percentiles and the ratio. Run it with {@code ./mvnw -B -pl sync-worker
 * -am -DskipTests -Pbenchmark verify}.
 */
@ExtendWith(LocalAzureExtension.class)
class WorkerBenchmark {

  static final int EVENTS = Integer.getInteger("benchmark.events", 10_000);
  static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 16);

  @Test
  void projectTenThousandEvents(LocalEmulators emulators) throws Exception {
    try (LocalWorld world = new LocalWorld(emulators)) {
      Workload warmUp = Workload.generate("warm.example", 200, 1, 0, 1L);
      bareLoop(world, warmUp);
      throughputOfWorker(world, warmUp, "warm-up");

      Workload bareWorkload = Workload.generate("bare.example", EVENTS / 4, 4, 0, 2L);
      double bare = bareLoop(world, bareWorkload);

      Workload workerWorkload = Workload.generate("worker.example", EVENTS / 4, 4, 0, 3L);
      Result worker = throughputOfWorker(world, workerWorkload, "backlog");

      int pacedRate = (int) (worker.rate() / 2);
      Workload pacedWorkload = Workload.generate("paced.example", EVENTS / 4, 4, 0, 4L);
      Result paced = pacedWorker(world, pacedWorkload, pacedRate);

      System.out.printf(
          Locale.ROOT,
          "%nBENCHMARK events=%d concurrency=%d cores=%d%n"
              + "  bare loop (parse, point read, conditional write): %.0f events/s%n"
              + "  worker end to end (queue pre-filled, drained):      %.0f events/s%n"
              + "  ratio worker / bare loop:                          %.0f%%%n"
              + "  enqueue-to-applied lag with the backlog: p50 %d ms, p99 %d ms%n"
              + "  enqueue-to-applied lag at a steady %d events/s (half the drain rate):"
              + " p50 %d ms, p99 %d ms%n",
          EVENTS,
          CONCURRENCY,
          Runtime.getRuntime().availableProcessors(),
          bare,
          worker.rate(),
          100 * worker.rate() / bare,
          worker.p50Millis(),
          worker.p99Millis(),
          pacedRate,
          paced.p50Millis(),
          paced.p99Millis());
    }
  }

  /**
   * The same projection without Service Bus, with as many threads as the worker's slots, on a
   * client built as the worker builds its own.
   */
  private static double bareLoop(LocalWorld world, Workload workload) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
      InvitationProjector projector =
          new InvitationProjector(
              world.ledger(LocalWorld.newContainerName()), new InvitationEventParser());
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> workers = new ArrayList<>();
      long started = System.nanoTime();
      for (int t = 0; t < CONCURRENCY; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < workload.bodies().size();
                      i = next.getAndIncrement()) {
                    ProjectionOutcome outcome = projector.project(workload.bodies().get(i));
                    if (!(outcome instanceof ProjectionOutcome.Applied
                        || outcome instanceof ProjectionOutcome.Stale)) {
                      throw new IllegalStateException("unexpected " + outcome);
                    }
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      return workload.bodies().size() / seconds(System.nanoTime() - started);
    }
  }

  record Result(double rate, long p50Millis, long p99Millis) {}

  /** Fills a queue, starts the worker and times it until every event is settled. */
  private static Result throughputOfWorker(LocalWorld world, Workload workload, String label)
      throws Exception {
    String queue = world.newQueue(Duration.ofSeconds(60), 10);
    Map<String, String> env = world.workerEnvironment(queue, LocalWorld.newContainerName());
    env.put("INVITEGATE_WORKER_CONCURRENCY", Integer.toString(CONCURRENCY));
    world.publish(queue, workload.bodies());

    ConcurrentLinkedQueue<Duration> lags = new ConcurrentLinkedQueue<>();
    AtomicInteger settled = new AtomicInteger();
    long started = System.nanoTime();
    try (SyncWorker worker =
        SyncWorker.start(WorkerSettings.from(env), metrics -> recording(metrics, lags, settled))) {
      long ready = System.nanoTime();
      assertThat(worker.ready()).isTrue();
      while (settled.get() < workload.bodies().size()) {
        Thread.sleep(20);
        assertThat(seconds(System.nanoTime() - ready)).as(label + " timed out").isLessThan(600);
      }
      double rate = workload.bodies().size() / seconds(System.nanoTime() - ready);
      List<Long> sorted = lags.stream().map(Duration::toMillis).sorted().toList();
      System.out.printf(
          Locale.ROOT,
          "%s: %d events in %.1f s after a %.1f s start-up%n",
          label,
          workload.bodies().size(),
          seconds(System.nanoTime() - ready),
          seconds(ready - started));
      return new Result(rate, percentile(sorted, 50), percentile(sorted, 99));
    }
  }

  /** Starts the worker, then publishes at a steady rate: the lag a live system would see. */
  private static Result pacedWorker(LocalWorld world, Workload workload, int eventsPerSecond)
      throws Exception {
    String queue = world.newQueue(Duration.ofSeconds(60), 10);
    Map<String, String> env = world.workerEnvironment(queue, LocalWorld.newContainerName());
    env.put("INVITEGATE_WORKER_CONCURRENCY", Integer.toString(CONCURRENCY));
    ConcurrentLinkedQueue<Duration> lags = new ConcurrentLinkedQueue<>();
    AtomicInteger settled = new AtomicInteger();
    try (SyncWorker worker =
            SyncWorker.start(
                WorkerSettings.from(env), metrics -> recording(metrics, lags, settled));
        ServiceBusSenderClient sender = world.sender(queue)) {
      assertThat(worker.ready()).isTrue();
      int batch = 20;
      long interval = 1_000_000_000L * batch / Math.max(1, eventsPerSecond);
      long started = System.nanoTime();
      for (int from = 0; from < workload.bodies().size(); from += batch) {
        long due = started + (from / batch) * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        LocalWorld.publish(
            sender,
            workload.bodies().subList(from, Math.min(from + batch, workload.bodies().size())));
      }
      double publishSeconds = seconds(System.nanoTime() - started);
      while (settled.get() < workload.bodies().size()) {
        Thread.sleep(20);
        assertThat(seconds(System.nanoTime() - started)).as("paced timed out").isLessThan(600);
      }
      List<Long> sorted = lags.stream().map(Duration::toMillis).sorted().toList();
      System.out.printf(
          Locale.ROOT,
          "paced: %d events published over %.1f s, all applied after %.1f s%n",
          workload.bodies().size(),
          publishSeconds,
          seconds(System.nanoTime() - started));
      return new Result(
          workload.bodies().size() / seconds(System.nanoTime() - started),
          percentile(sorted, 50),
          percentile(sorted, 99));
    }
  }

  private static WorkerMetrics recording(
      WorkerMetrics delegate, ConcurrentLinkedQueue<Duration> lags, AtomicInteger settled) {
    return new WorkerMetrics() {
      @Override
      public void applied(Duration projectionTime, Optional<Duration> enqueueToApplied) {
        delegate.applied(projectionTime, enqueueToApplied);
        enqueueToApplied.ifPresent(lags::add);
        settled.incrementAndGet();
      }

      @Override
      public void stale(Duration projectionTime) {
        delegate.stale(projectionTime);
        settled.incrementAndGet();
      }

      @Override
      public void deadLettered(String reason) {
        delegate.deadLettered(reason);
        settled.incrementAndGet();
      }

      @Override
      public void abandoned(String cause) {
        delegate.abandoned(cause);
      }

      @Override
      public void settlementFailed() {
        delegate.settlementFailed();
      }
    };
  }

  private static long percentile(List<Long> sorted, int percentile) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
