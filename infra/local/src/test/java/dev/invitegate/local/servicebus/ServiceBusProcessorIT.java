package dev.invitegate.local.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServiceBusProcessorIT {

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
  void processesAStreamOfMessages_completingEachOnce_andRetryingAnAbandonedOne() {
    String queue = standin.createQueue(Duration.ofSeconds(30), 10);
    List<String> ids = IntStream.range(0, 200).mapToObj(i -> "event-" + i).toList();
    Set<String> completed = ConcurrentHashMap.newKeySet();
    AtomicInteger abandons = new AtomicInteger();
    List<Throwable> errors = new CopyOnWriteArrayList<>();

    ServiceBusProcessorClient processor =
        Sdk.builder(standin)
            .processor()
            .queueName(queue)
            .disableAutoComplete()
            .maxAutoLockRenewDuration(Duration.ZERO)
            .maxConcurrentCalls(4)
            .processMessage(
                context -> {
                  String id = context.getMessage().getMessageId();
                  // One simulated transient failure: the message must come back and be completed
                  // later.
                  if (id.equals("event-7") && context.getMessage().getDeliveryCount() == 0) {
                    abandons.incrementAndGet();
                    context.abandon();
                  } else {
                    context.complete();
                    completed.add(id);
                  }
                })
            .processError(context -> errors.add(context.getException()))
            .buildProcessorClient();
    try (ServiceBusSenderClient sender =
        Sdk.builder(standin).sender().queueName(queue).buildClient()) {
      processor.start();
      for (int from = 0; from < ids.size(); from += 50) {
        ServiceBusMessageBatch batch = sender.createMessageBatch();
        ids.subList(from, from + 50)
            .forEach(id -> batch.tryAddMessage(new ServiceBusMessage(id).setMessageId(id)));
        sender.sendMessages(batch);
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> completed.size() == ids.size() && standin.counts(queue).locked() == 0);
    } finally {
      processor.close();
    }

    assertThat(completed).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(abandons).hasValue(1);
    assertThat(errors).isEmpty();
    assertThat(standin.counts(queue)).isEqualTo(new ServiceBusStandin.QueueCounts(0, 0, 0));
  }
}
