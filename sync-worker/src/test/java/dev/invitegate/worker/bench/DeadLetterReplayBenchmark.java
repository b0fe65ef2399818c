package dev.invitegate.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.ServiceBusControl.QueueStats;
import dev.invitegate.worker.it.DeadLetterFixtures;
import dev.invitegate.worker.it.LocalWorld;
import dev.invitegate.worker.it.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays {@value #EVENTS} dead-lettered events with {@code dlq replay --all} (in-process, through
 * the real SDK and the Service Bus stand-in) and, in the same run, receives and completes as many
 * from a dead-letter queue in the plainest loop the SDK allows (batches of 100, peek-lock, complete
 * each): the stand-in's own receive-and-complete rate. Prints both rates and the ratio (target: at
 * least half). Run it with {@code ./mvnw -B -pl sync-worker -am -DskipTests -Pbenchmark verify
 * -Dit.test=DeadLetterReplayBenchmark}.
 */
@ExtendWith(LocalAzureExtension.class)
class DeadLetterReplayBenchmark {

  static final int EVENTS = Integer.getInteger("benchmark.events", 10_000);

  @Test
  void replayTenThousandDeadLetteredEvents(LocalEmulators emulators) throws Exception {
    try (LocalWorld world = new LocalWorld(emulators)) {
      DeadLetterFixtures fixtures = new DeadLetterFixtures(world);
      receiveAndComplete(world, fixtures, filled(world, fixtures, 1_000, 1L));
      replay(world, filled(world, fixtures, 1_000, 2L), 1_000);

      double baseline = receiveAndComplete(world, fixtures, filled(world, fixtures, EVENTS, 3L));
      double replay = replay(world, filled(world, fixtures, EVENTS, 4L), EVENTS);

      System.out.printf(
          Locale.ROOT,
          "%nBENCHMARK dead-letter replay, events=%d cores=%d%n"
              + "  receive and complete on the dead-letter queue (batches of 100): %.0f events/s%n"
              + "  dlq replay --all (peek plan, receive, send copy, complete):     %.0f events/s%n"
              + "  ratio replay / receive-and-complete:                            %.0f%%"
              + " (target: at least 50%%)%n",
          EVENTS,
          Runtime.getRuntime().availableProcessors(),
          baseline,
          replay,
          100 * replay / baseline);
    }
  }

  /** A new queue whose dead-letter queue holds {@code count} events. */
  private static String filled(
      LocalWorld world, DeadLetterFixtures fixtures, int count, long seed) {
    String queue = world.newQueue(Duration.ofMinutes(1), 10);
    Workload workload = Workload.generate("dlq-" + seed + ".example", count / 2, 2, 0, seed);
    fixtures.deadLetter(queue, workload.bodies(), "MaxDeliveryCountExceeded", Map.of());
    assertThat(world.emulators().serviceBus().queueStats(queue).deadLettered()).isEqualTo(count);
    return queue;
  }

  /** The plain loop: receive a batch in peek-lock, complete each; events per second. */
  private static double receiveAndComplete(
      LocalWorld world, DeadLetterFixtures fixtures, String queue) {
    long count = world.emulators().serviceBus().queueStats(queue).deadLettered();
    try (ServiceBusReceiverClient receiver =
        world
            .serviceBusClients()
            .receiver()
            .queueName(queue)
            .subQueue(SubQueue.DEAD_LETTER_QUEUE)
            .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
            .prefetchCount(0)
            .buildClient()) {
      long started = System.nanoTime();
      long done = 0;
      while (done < count) {
        List<ServiceBusReceivedMessage> batch =
            receiver.receiveMessages(100, Duration.ofSeconds(5)).stream().toList();
        for (ServiceBusReceivedMessage message : batch) {
          receiver.complete(message);
        }
        done += batch.size();
      }
      double rate = count / seconds(System.nanoTime() - started);
      assertThat(world.emulators().serviceBus().queueStats(queue).deadLettered()).isZero();
      return rate;
    }
  }

  /** {@code dlq replay --all} as an operator runs it; events per second. */
  private static double replay(LocalWorld world, String queue, int count) {
    Map<String, String> env = world.workerEnvironment(queue, "unused");
    long started = System.nanoTime();
    DeadLetterFixtures.Run run = DeadLetterFixtures.command(env, "dlq", "replay", "--all");
    double rate = count / seconds(System.nanoTime() - started);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(world.emulators().serviceBus().queueStats(queue))
        .isEqualTo(new QueueStats(count, 0, 0));
    return rate;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
