package dev.invitegate.local.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rough load check: it prints the rates it saw so regressions in the stand-in show up in the
 * logs.
 */
class ServiceBusThroughputIT {

  private static final int MESSAGES = 10_000;

  private static ServiceBusStandin standin;

  @BeforeAll
  static void startStandin() throws Exception {
    standin = ServiceBusStandin.start();
  }

  @AfterAll
  static void stopStandin() {
    standin.close();
  }

  @Test
  void carriesTenThousandBatchSentMessages_throughPeekLockAndComplete() {
    String queue = standin.createQueue(Duration.ofSeconds(60), 10);
    String body = "{\"specversion\":\"1.0\",\"type\":\"dev.invitegate.invitation.granted\"}";

    long sendStart = System.nanoTime();
    try (ServiceBusSenderClient sender =
        Sdk.builder(standin).sender().queueName(queue).buildClient()) {
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
    assertThat(standin.counts(queue).active()).isEqualTo(MESSAGES);

    Set<String> completed = ConcurrentHashMap.newKeySet();
    AtomicInteger errors = new AtomicInteger();
    ServiceBusProcessorClient processor =
        Sdk.builder(standin)
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
        .until(() -> standin.counts(queue).equals(new ServiceBusStandin.QueueCounts(0, 0, 0)));
  }
}
