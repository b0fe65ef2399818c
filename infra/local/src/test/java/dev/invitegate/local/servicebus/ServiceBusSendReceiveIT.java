package dev.invitegate.local.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.ServiceBusControl.QueueStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
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
  void deliversSingleMessage_withIdPropertiesAndBodyUnchanged() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(30), 10);
    byte[] body = "{\"specversion\":\"1.0\",\"data\":{\"é\":1}}".getBytes(StandardCharsets.UTF_8);
    ServiceBusMessage sent =
        new ServiceBusMessage(BinaryData.fromBytes(body))
            .setMessageId("event-1")
            .setContentType("application/cloudevents+json")
            .setSubject("dev.invitegate.invitation.granted")
            .setCorrelationId("corr-7");
    sent.getApplicationProperties().put("text", "value");
    sent.getApplicationProperties().put("long", 9_000_000_000L);
    sent.getApplicationProperties().put("int", 42);
    sent.getApplicationProperties().put("flag", true);

    OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
    try (ServiceBusSenderClient sender =
            Sdk.builder(emulators).sender().queueName(queue).buildClient();
        ServiceBusReceiverClient receiver = Sdk.peekLockReceiver(emulators, queue)) {
      sender.sendMessage(sent);
      ServiceBusReceivedMessage received = Sdk.receiveOne(receiver);

      assertThat(received.getBody().toBytes()).isEqualTo(body);
      assertThat(received.getMessageId()).isEqualTo("event-1");
      assertThat(received.getContentType()).isEqualTo("application/cloudevents+json");
      assertThat(received.getSubject()).isEqualTo("dev.invitegate.invitation.granted");
      assertThat(received.getCorrelationId()).isEqualTo("corr-7");
      assertThat(received.getApplicationProperties())
          .containsEntry("text", "value")
          .containsEntry("long", 9_000_000_000L)
          .containsEntry("int", 42)
          .containsEntry("flag", true);
      assertThat(received.getSequenceNumber()).isPositive();
      assertThat(received.getEnqueuedTime()).isBetween(before, OffsetDateTime.now().plusSeconds(1));
      assertThat(received.getLockToken()).isNotBlank();
      assertThat(received.getLockedUntil())
          .isCloseTo(OffsetDateTime.now().plusSeconds(30), within(5, ChronoUnit.SECONDS));
      assertThat(received.getDeliveryCount()).isZero();

      receiver.complete(received);
    }
    assertThat(emulators.serviceBus().queueStats(queue)).isEqualTo(new QueueStats(0, 0, 0));
  }

  @Test
  void deliversEveryMessageOfABatch_inOrderWithIncreasingSequenceNumbers() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(30), 10);
    List<String> ids = IntStream.range(0, 25).mapToObj(i -> "batch-" + i).toList();
    try (ServiceBusSenderClient sender =
            Sdk.builder(emulators).sender().queueName(queue).buildClient();
        ServiceBusReceiverClient receiver = Sdk.peekLockReceiver(emulators, queue)) {
      ServiceBusMessageBatch batch = sender.createMessageBatch();
      for (String id : ids) {
        assertThat(batch.tryAddMessage(new ServiceBusMessage("body of " + id).setMessageId(id)))
            .isTrue();
      }
      sender.sendMessages(batch);

      List<ServiceBusReceivedMessage> received =
          Sdk.receive(receiver, ids.size(), Duration.ofSeconds(20));

      assertThat(received).extracting(ServiceBusReceivedMessage::getMessageId).isEqualTo(ids);
      assertThat(received.getLast().getBody().toString()).isEqualTo("body of batch-24");
      assertThat(received)
          .extracting(ServiceBusReceivedMessage::getSequenceNumber)
          .isSorted()
          .doesNotHaveDuplicates();
      received.forEach(receiver::complete);
    }
    assertThat(emulators.serviceBus().queueStats(queue).active()).isZero();
  }

  @Test
  void peeksMessagesInSequenceOrder_withoutLockingThem() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(30), 10);
    try (ServiceBusSenderClient sender =
            Sdk.builder(emulators).sender().queueName(queue).buildClient();
        ServiceBusReceiverClient receiver = Sdk.peekLockReceiver(emulators, queue)) {
      sender.sendMessages(
          List.of(
              new ServiceBusMessage("a").setMessageId("a"),
              new ServiceBusMessage("b").setMessageId("b"),
              new ServiceBusMessage("c").setMessageId("c")));

      List<ServiceBusReceivedMessage> firstPage = receiver.peekMessages(2).stream().toList();
      List<ServiceBusReceivedMessage> secondPage = receiver.peekMessages(2).stream().toList();

      assertThat(firstPage)
          .extracting(ServiceBusReceivedMessage::getMessageId)
          .containsExactly("a", "b");
      assertThat(secondPage)
          .extracting(ServiceBusReceivedMessage::getMessageId)
          .containsExactly("c");
      assertThat(firstPage.getFirst().getBody().toString()).isEqualTo("a");
      assertThat(receiver.peekMessages(2).stream()).isEmpty();
      assertThat(emulators.serviceBus().queueStats(queue)).isEqualTo(new QueueStats(3, 0, 0));
    }
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
