package dev.invitegate.local.servicebus;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import dev.invitegate.local.LocalEmulators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds real SDK clients against the stand-in the way a service would, with short timeouts. */
final class Sdk {

  private Sdk() {}

  /** Creates a queue of its own for one test. */
  static String newQueue(LocalEmulators emulators, Duration lockDuration, int maxDeliveryCount) {
    String name = "q-" + UUID.randomUUID();
    emulators.serviceBus().createQueue(name, lockDuration, maxDeliveryCount);
    return name;
  }

  /** A fresh builder: clients built from one builder share one AMQP connection. */
  static ServiceBusClientBuilder builder(LocalEmulators emulators) {
    return new ServiceBusClientBuilder()
        .connectionString(emulators.serviceBusConnectionString())
        .retryOptions(
            new AmqpRetryOptions()
                .setMode(AmqpRetryMode.FIXED)
                .setMaxRetries(2)
                .setDelay(Duration.ofMillis(200))
                .setTryTimeout(Duration.ofSeconds(15)));
  }

  static ServiceBusReceiverClient peekLockReceiver(LocalEmulators emulators, String queue) {
    return builder(emulators)
        .receiver()
        .queueName(queue)
        .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
        .disableAutoComplete()
        .maxAutoLockRenewDuration(Duration.ZERO)
        .buildClient();
  }

  static ServiceBusReceiverClient deadLetterReceiver(LocalEmulators emulators, String queue) {
    return builder(emulators)
        .receiver()
        .queueName(queue)
        .subQueue(SubQueue.DEAD_LETTER_QUEUE)
        .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
        .disableAutoComplete()
        .maxAutoLockRenewDuration(Duration.ZERO)
        .buildClient();
  }

  /** Receives exactly {@code count} messages or fails after {@code within}. */
  static List<ServiceBusReceivedMessage> receive(
      ServiceBusReceiverClient receiver, int count, Duration within) {
    List<ServiceBusReceivedMessage> received = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
      receiver.receiveMessages(count - received.size(), left).forEach(received::add);
    }
    if (received.size() != count) {
      throw new AssertionError(
          "expected " + count + " messages within " + within + ", got " + received.size());
    }
    return received;
  }

  static ServiceBusReceivedMessage receiveOne(ServiceBusReceiverClient receiver) {
    return receive(receiver, 1, Duration.ofSeconds(15)).getFirst();
  }
}
