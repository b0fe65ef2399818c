package dev.invitegate.local.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.ServiceBusControl.QueueStats;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAzureExtension.class)
class ServiceBusSendReceiveIT {

  private static LocalEmulators emulators;

  @BeforeAll
  static void useLocalEmulators(LocalEmulators localEmulators) {
    emulators = localEmulators;
  }

  @Test
  void removesMessageOnDelivery_inReceiveAndDeleteMode() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(30), 10);
    try (ServiceBusSenderClient sender =
            Sdk.builder(emulators).sender().queueName(queue).buildClient();
        ServiceBusReceiverClient receiver =
            Sdk.builder(emulators)
                .receiver()
                .queueName(queue)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE)
                .buildClient()) {
      sender.sendMessage(new ServiceBusMessage("once").setMessageId("once"));

      ServiceBusReceivedMessage received = Sdk.receiveOne(receiver);

      assertThat(received.getMessageId()).isEqualTo("once");
      assertThat(emulators.serviceBus().queueStats(queue)).isEqualTo(new QueueStats(0, 0, 0));
    }
  }

  @Test
  void failsWithEntityNotFound_whenSendingToAMissingQueue() {
    String missing = "missing-" + UUID.randomUUID();
    try (ServiceBusSenderClient sender =
        Sdk.builder(emulators).sender().queueName(missing).buildClient()) {
      assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage("lost")))
          .isInstanceOfSatisfying(
              ServiceBusException.class,
              e ->
                  assertThat(e.getReason())
                      .isEqualTo(ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND))
          .hasMessageContaining(missing);
    }
  }
}
