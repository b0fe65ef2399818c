package dev.invitegate.local.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.ServiceBusControl.QueueStats;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rough load check: it prints the rates it saw so regressions in the stand-in show up in the
 * logs.
 */
@ExtendWith(LocalAzureExtension.class)
class ServiceBusThroughputIT {

  private static final int MESSAGES = 10_000;

  private static LocalEmulators emulators;

  @BeforeAll
  static void useLocalEmulators(LocalEmulators localEmulators) {
    emulators = localEmulators;
  }

  @Test
  void carriesTenThousandBatchSentMessages_throughPeekLockAndComplete() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(60), 10);
    String body = "{\"specversion\":\"1.0\",\"type\":\"dev.invitegate.invitation.granted\"}";

    long sendStart = System.nanoTime();
    try (ServiceBusSenderClient sender =
        Sdk.builder(emulators).sender().queueName(queue).buildClient()) {
      int next = 0;
      while (next < MESSAGES) {
        ServiceBusMessageBatch batch = sender.createMessageBatch();
        while (next < MESSAGES
            && batch.tryAddMessage(new ServiceBusMessage(body).setMessageId("m-" + next))) {
          next++;
        }
        sender.sendMessages(batch);
      }
    }
    Duration sending = Duration.ofNanos(System.nanoTime() - sendStart);
    assertThat(emulators.serviceBus().queueStats(queue).active()).isEqualTo(MESSAGES);

    Set<String> completed = ConcurrentHashMap.newKeySet();
    AtomicInteger errors = new AtomicInteger();
    ServiceBusProcessorClient processor =
        Sdk.builder(emulators)
            .processor()
            .queueName(queue)
            .disableAutoComplete()
            .maxAutoLockRenewDuration(Duration.ZERO)
            .maxConcurrentCalls(8)
            .prefetchCount(100)
            .processMessage(
                context -> {
                  context.complete();
                  completed.add(context.getMessage().getMessageId());
                })
            .processError(context -> errors.incrementAndGet())
            .buildProcessorClient();
    long receiveStart = System.nanoTime();
    try {
      processor.start();
      await().atMost(Duration.ofMinutes(3)).until(() -> completed.size() == MESSAGES);
    } finally {
      processor.close();
    }
    Duration receiving = Duration.ofNanos(System.nanoTime() - receiveStart);

    System.out.printf(
        "stand-in throughput: batch send %d msgs in %d ms (%.0f msg/s); peek-lock receive+complete"
            + " in %d ms (%.0f msg/s)%n",
        MESSAGES,
        sending.toMillis(),
        MESSAGES * 1000.0 / sending.toMillis(),
        receiving.toMillis(),
        MESSAGES * 1000.0 / receiving.toMillis());
    assertThat(errors).hasValue(0);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> emulators.serviceBus().queueStats(queue).equals(new QueueStats(0, 0, 0)));
  }
}
