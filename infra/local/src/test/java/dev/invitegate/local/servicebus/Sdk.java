package dev.invitegate.local.servicebus;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds real SDK clients against the stand-in the way a service would, with short timeouts. */
final class Sdk {

  private Sdk() {}

  /** A fresh builder: clients built from one builder share one AMQP connection. */
  static ServiceBusClientBuilder builder(ServiceBusStandin standin) {
    return new ServiceBusClientBuilder()
        .connectionString(standin.connectionString())
        .retryOptions(
            new AmqpRetryOptions()
                .setMode(AmqpRetryMode.FIXED)
                .setMaxRetries(2)
                .setDelay(Duration.ofMillis(200))
                .setTryTimeout(Duration.ofSeconds(15)));
  }

  static ServiceBusReceiverClient peekLockReceiver(ServiceBusStandin standin, String queue) {
    return builder(standin)
        .receiver()
        .queueName(queue)
        .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
        .disableAutoComplete()
        .maxAutoLockRenewDuration(Duration.ZERO)
        .buildClient();
  }

  static ServiceBusReceiverClient deadLetterReceiver(ServiceBusStandin standin, String queue) {
    return builder(standin)
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
