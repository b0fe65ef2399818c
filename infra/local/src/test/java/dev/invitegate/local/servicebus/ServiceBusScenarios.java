package dev.invitegate.local.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What Invite Gate needs from Service Bus, driven through the real Java SDK. Subclasses say which
 * Service Bus: the local stand-in, or Microsoft's emulator in Docker.
 */
abstract class ServiceBusScenarios {

  /** The queue settings a scenario needs; each call of {@link #queue} gives a new, empty queue. */
  enum QueueSpec {
    STANDARD(Duration.ofSeconds(30), 10),
    MAX_DELIVERY_3(Duration.ofSeconds(30), 3);

    final Duration lockDuration;
    final int maxDeliveryCount;

    QueueSpec(Duration lockDuration, int maxDeliveryCount) {
      this.lockDuration = lockDuration;
      this.maxDeliveryCount = maxDeliveryCount;
    }
  }

  abstract String connectionString();

  /** A new, empty queue with these settings. */
  abstract String queue(QueueSpec spec);

  private ServiceBusSenderClient sender(String queue) {
    return Sdk.builder(connectionString()).sender().queueName(queue).buildClient();
  }

  private ServiceBusReceiverClient receiver(String queue) {
    return Sdk.peekLockReceiver(connectionString(), queue);
  }

  private static void assertEmpty(ServiceBusReceiverClient receiver) {
    assertThat(receiver.receiveMessages(1, Duration.ofMillis(500)).stream()).isEmpty();
  }

  @Test
  void deliversSingleMessage_withIdPropertiesAndBodyUnchanged_thenCompletes() {
    String queue = queue(QueueSpec.STANDARD);
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

    OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
    try (ServiceBusSenderClient sender = sender(queue);
        ServiceBusReceiverClient receiver = receiver(queue)) {
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
      assertThat(received.getEnqueuedTime()).isBetween(before, OffsetDateTime.now().plusSeconds(5));
      assertThat(received.getLockToken()).isNotBlank();
      assertThat(received.getLockedUntil())
          .isCloseTo(OffsetDateTime.now().plusSeconds(30), within(10, ChronoUnit.SECONDS));

      receiver.complete(received);
      assertEmpty(receiver);
    }
  }

  @Test
  void deliversEveryMessageOfABatch_inOrderWithIncreasingSequenceNumbers() {
    String queue = queue(QueueSpec.STANDARD);
    List<String> ids = IntStream.range(0, 25).mapToObj(i -> "batch-" + i).toList();
    try (ServiceBusSenderClient sender = sender(queue);
        ServiceBusReceiverClient receiver = receiver(queue)) {
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
      assertEmpty(receiver);
    }
  }

  @Test
  void peeksMessagesInSequenceOrder_withoutLockingThem() {
    String queue = queue(QueueSpec.STANDARD);
    try (ServiceBusSenderClient sender = sender(queue);
        ServiceBusReceiverClient receiver = receiver(queue)) {
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
      assertThat(Sdk.receive(receiver, 3, Duration.ofSeconds(15)))
          .as("peeking locked nothing")
          .extracting(ServiceBusReceivedMessage::getMessageId)
          .containsExactly("a", "b", "c");
    }
  }

  @Test
  void redeliversAbandonedMessage_withDeliveryCountIncremented() {
    String queue = queue(QueueSpec.STANDARD);
    try (ServiceBusSenderClient sender = sender(queue);
        ServiceBusReceiverClient receiver = receiver(queue)) {
      sender.sendMessage(new ServiceBusMessage("retry me").setMessageId("m1"));
      ServiceBusReceivedMessage first = Sdk.receiveOne(receiver);
      receiver.abandon(first);
      ServiceBusReceivedMessage second = Sdk.receiveOne(receiver);

      assertThat(second.getMessageId()).isEqualTo("m1");
      assertThat(second.getSequenceNumber()).isEqualTo(first.getSequenceNumber());
      assertThat(second.getDeliveryCount()).isEqualTo(first.getDeliveryCount() + 1);
      assertThat(second.getLockToken()).isNotEqualTo(first.getLockToken());
      receiver.complete(second);
      assertEmpty(receiver);
    }
  }

  @Test
  void movesDeadLetteredMessageToDeadLetterQueue_withReasonAndDescription() {
    String queue = queue(QueueSpec.STANDARD);
    try (ServiceBusSenderClient sender = sender(queue);
        ServiceBusReceiverClient receiver = receiver(queue);
        ServiceBusReceiverClient deadLetters = Sdk.deadLetterReceiver(connectionString(), queue)) {
      sender.sendMessage(new ServiceBusMessage("payload of poison").setMessageId("poison"));
      receiver.deadLetter(
          Sdk.receiveOne(receiver),
          new DeadLetterOptions()
              .setDeadLetterReason("InvalidEvent")
              .setDeadLetterErrorDescription("data.email: not an email address"));

      ServiceBusReceivedMessage peeked = deadLetters.peekMessage();
      ServiceBusReceivedMessage dead = Sdk.receiveOne(deadLetters);

      assertThat(peeked.getMessageId()).isEqualTo("poison");
      assertThat(dead.getMessageId()).isEqualTo("poison");
      assertThat(dead.getBody().toString()).isEqualTo("payload of poison");
      assertThat(dead.getDeadLetterReason()).isEqualTo("InvalidEvent");
      assertThat(dead.getDeadLetterErrorDescription())
          .isEqualTo("data.email: not an email address");
      deadLetters.complete(dead);
      assertEmpty(receiver);
      assertEmpty(deadLetters);
    }
  }

  @Test
  void deadLettersMessage_whenMaxDeliveryCountIsExceeded() {
    String queue = queue(QueueSpec.MAX_DELIVERY_3);
    try (ServiceBusSenderClient sender = sender(queue);
        ServiceBusReceiverClient receiver = receiver(queue);
        ServiceBusReceiverClient deadLetters = Sdk.deadLetterReceiver(connectionString(), queue)) {
      sender.sendMessage(new ServiceBusMessage("always fails").setMessageId("retried"));
      for (int attempt = 0; attempt < 3; attempt++) {
        receiver.abandon(Sdk.receiveOne(receiver));
      }

      ServiceBusReceivedMessage dead = Sdk.receiveOne(deadLetters);

      assertThat(dead.getMessageId()).isEqualTo("retried");
      assertThat(dead.getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
      assertEmpty(receiver);
      deadLetters.complete(dead);
    }
  }
}
