package dev.invitegate.local.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.ServiceBusControl.QueueStats;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAzureExtension.class)
class ServiceBusSettlementIT {

  private static LocalEmulators emulators;

  @BeforeAll
  static void useLocalEmulators(LocalEmulators localEmulators) {
    emulators = localEmulators;
  }

  private static void send(String queue, String messageId) {
    try (ServiceBusSenderClient sender =
        Sdk.builder(emulators).sender().queueName(queue).buildClient()) {
      sender.sendMessage(new ServiceBusMessage("payload of " + messageId).setMessageId(messageId));
    }
  }

  @Test
  void redeliversAbandonedMessage_withDeliveryCountIncremented() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(30), 10);
    send(queue, "m1");
    try (ServiceBusReceiverClient receiver = Sdk.peekLockReceiver(emulators, queue)) {
      ServiceBusReceivedMessage first = Sdk.receiveOne(receiver);
      receiver.abandon(first);
      ServiceBusReceivedMessage second = Sdk.receiveOne(receiver);

      assertThat(second.getMessageId()).isEqualTo("m1");
      assertThat(second.getSequenceNumber()).isEqualTo(first.getSequenceNumber());
      assertThat(second.getDeliveryCount()).isEqualTo(first.getDeliveryCount() + 1);
      assertThat(second.getLockToken()).isNotEqualTo(first.getLockToken());
      receiver.complete(second);
    }
    assertThat(emulators.serviceBus().queueStats(queue)).isEqualTo(new QueueStats(0, 0, 0));
  }

  @Test
  void movesDeadLetteredMessageToDeadLetterQueue_withReasonAndDescription() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(30), 10);
    send(queue, "poison");
    try (ServiceBusReceiverClient receiver = Sdk.peekLockReceiver(emulators, queue);
        ServiceBusReceiverClient deadLetters = Sdk.deadLetterReceiver(emulators, queue)) {
      receiver.deadLetter(
          Sdk.receiveOne(receiver),
          new DeadLetterOptions()
              .setDeadLetterReason("InvalidEvent")
              .setDeadLetterErrorDescription("data.email: not an email address"));

      ServiceBusReceivedMessage dead = Sdk.receiveOne(deadLetters);

      assertThat(dead.getMessageId()).isEqualTo("poison");
      assertThat(dead.getBody().toString()).isEqualTo("payload of poison");
      assertThat(dead.getDeadLetterReason()).isEqualTo("InvalidEvent");
      assertThat(dead.getDeadLetterErrorDescription())
          .isEqualTo("data.email: not an email address");
      assertThat(dead.getDeadLetterSource()).isEqualTo(queue);
      deadLetters.complete(dead);
    }
    assertThat(emulators.serviceBus().queueStats(queue)).isEqualTo(new QueueStats(0, 0, 0));
  }

  @Test
  void deadLettersMessage_whenMaxDeliveryCountIsExceeded() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(30), 3);
    send(queue, "retried");
    try (ServiceBusReceiverClient receiver = Sdk.peekLockReceiver(emulators, queue);
        ServiceBusReceiverClient deadLetters = Sdk.deadLetterReceiver(emulators, queue)) {
      for (int attempt = 0; attempt < 3; attempt++) {
        receiver.abandon(Sdk.receiveOne(receiver));
      }

      ServiceBusReceivedMessage dead = Sdk.receiveOne(deadLetters);

      assertThat(dead.getMessageId()).isEqualTo("retried");
      assertThat(dead.getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
      assertThat(dead.getDeadLetterErrorDescription()).contains("3");
      assertThat(receiver.receiveMessages(1, Duration.ofMillis(500)).stream()).isEmpty();
      deadLetters.complete(dead);
    }
  }

  @Test
  void peeksDeadLetterQueue() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(30), 10);
    send(queue, "inspected");
    try (ServiceBusReceiverClient receiver = Sdk.peekLockReceiver(emulators, queue);
        ServiceBusReceiverClient deadLetters = Sdk.deadLetterReceiver(emulators, queue)) {
      receiver.deadLetter(
          Sdk.receiveOne(receiver), new DeadLetterOptions().setDeadLetterReason("Inspect"));

      ServiceBusReceivedMessage peeked = deadLetters.peekMessage();

      assertThat(peeked.getMessageId()).isEqualTo("inspected");
      assertThat(peeked.getDeadLetterReason()).isEqualTo("Inspect");
      assertThat(emulators.serviceBus().queueStats(queue).deadLettered()).isEqualTo(1);
    }
  }

  @Test
  void redeliversMessage_whenItsLockExpires_andRejectsSettlingWithTheExpiredLock() {
    String queue = Sdk.newQueue(emulators, Duration.ofMillis(800), 10);
    send(queue, "slow");
    try (ServiceBusReceiverClient receiver = Sdk.peekLockReceiver(emulators, queue)) {
      ServiceBusReceivedMessage first = Sdk.receiveOne(receiver);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> emulators.serviceBus().queueStats(queue).active() == 1);

      ServiceBusReceivedMessage second = Sdk.receiveOne(receiver);

      assertThat(second.getMessageId()).isEqualTo("slow");
      assertThat(second.getDeliveryCount()).isEqualTo(first.getDeliveryCount() + 1);
      assertThatThrownBy(() -> receiver.complete(first))
          .isInstanceOfSatisfying(
              ServiceBusException.class,
              e -> assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGE_LOCK_LOST));
      receiver.complete(second);
    }
    assertThat(emulators.serviceBus().queueStats(queue)).isEqualTo(new QueueStats(0, 0, 0));
  }

  @Test
  void keepsMessageLocked_whileTheLockIsRenewed() {
    String queue = Sdk.newQueue(emulators, Duration.ofMillis(1500), 10);
    send(queue, "long-running");
    try (ServiceBusReceiverClient receiver = Sdk.peekLockReceiver(emulators, queue)) {
      ServiceBusReceivedMessage message = Sdk.receiveOne(receiver);
      OffsetDateTime lockedUntil = message.getLockedUntil();
      OffsetDateTime renewedUntil = lockedUntil;
      long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < end) {
        renewedUntil = receiver.renewMessageLock(message);
        assertThat(emulators.serviceBus().queueStats(queue).locked()).isEqualTo(1);
        assertThat(receiver.receiveMessages(1, Duration.ofMillis(700)).stream()).isEmpty();
      }

      assertThat(renewedUntil).isAfter(lockedUntil.plusSeconds(2));
      receiver.complete(message);
    }
    assertThat(emulators.serviceBus().queueStats(queue)).isEqualTo(new QueueStats(0, 0, 0));
  }

  @Test
  void redeliversMessage_afterLockExpiry_whenTheReceiversConnectionClosedWithoutSettling() {
    String queue = Sdk.newQueue(emulators, Duration.ofSeconds(2), 10);
    send(queue, "orphan");
    ServiceBusReceivedMessage orphaned;
    try (ServiceBusReceiverClient crashing = Sdk.peekLockReceiver(emulators, queue)) {
      orphaned = Sdk.receiveOne(crashing);
    }
    assertThat(emulators.serviceBus().queueStats(queue).locked()).isEqualTo(1);

    try (ServiceBusReceiverClient survivor = Sdk.peekLockReceiver(emulators, queue)) {
      assertThat(survivor.receiveMessages(1, Duration.ofMillis(500)).stream())
          .as("still locked by the closed connection")
          .isEmpty();
      ServiceBusReceivedMessage redelivered = Sdk.receiveOne(survivor);

      assertThat(redelivered.getMessageId()).isEqualTo("orphan");
      assertThat(redelivered.getDeliveryCount()).isEqualTo(orphaned.getDeliveryCount() + 1);
      survivor.complete(redelivered);
    }
  }
}
