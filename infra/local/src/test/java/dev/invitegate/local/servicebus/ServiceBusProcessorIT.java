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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAzureExtension.class)
class ServiceBusProcessorIT {

  private static LocalEmulators emulators;

  @BeforeAll
  static void useLocalEmulators(LocalEmulators localEmulators) {
    emulators = localEmulators;
  }

  @Test
  void processesAStreamOfMessages_completingEachOnce_andRetryingAnAbandonedOne() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(30), 10);
    List<String> ids = IntStream.range(0, 200).mapToObj(i -> "event-" + i).toList();
    Set<String> completed = ConcurrentHashMap.newKeySet();
    AtomicInteger abandons = new AtomicInteger();
    List<Throwable> errors = new CopyOnWriteArrayList<>();

    ServiceBusProcessorClient processor =
        Sdk.builder(emulators)
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
        Sdk.builder(emulators).sender().queueName(queue).buildClient()) {
      processor.start();
      for (int from = 0; from < ids.size(); from += 50) {
        ServiceBusMessageBatch batch = sender.createMessageBatch();
        ids.subList(from, from + 50)
            .forEach(id -> batch.tryAddMessage(new ServiceBusMessage(id).setMessageId(id)));
        sender.sendMessages(batch);
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  completed.size() == ids.size()
                      && emulators.serviceBus().queueStats(queue).locked() == 0);
    } finally {
      processor.close();
    }

    assertThat(completed).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(abandons).hasValue(1);
    assertThat(errors).isEmpty();
    assertThat(emulators.serviceBus().queueStats(queue)).isEqualTo(new QueueStats(0, 0, 0));
  }
}
