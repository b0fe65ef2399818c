package dev.invitegate.worker.servicebus;

import com.azure.core.amqp.models.AmqpMessageBody;
import com.azure.core.amqp.models.AmqpMessageBodyType;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import dev.invitegate.worker.ServiceBusSettings;
import dev.invitegate.worker.deadletter.DeadLetter;
import dev.invitegate.worker.deadletter.DeadLetterQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The dead-letter queue of the invitation queue on Service Bus: peeks and peek-lock receives on its
 * {@code $deadletterqueue} sub-queue, and sends copies to the queue. One command's thread uses it.
 */
public final class ServiceBusDeadLetterQueue implements DeadLetterQueue {

  /**
   * The SDK renews the lock of every received message until it is settled, for at most this long: a
   * run holds messages it did not select until it ends, and no run should lose them to expiry.
   */
  private static final Duration LOCK_RENEWAL = Duration.ofHours(1);

  private final ServiceBusClientBuilder clients;
  private final String queue;

  /** Receives in peek-lock and completes: the one client with a receive link. */
  private final ServiceBusReceiverClient receiver;

  /**
   * Peeks, and gives messages back by lock token: it never receives, so the SDK settles through the
   * entity's {@code $management} node, and nothing it gives back can be delivered to it again.
   */
  private final ServiceBusReceiverClient manager;

  private boolean receiving = true;
  private ServiceBusSenderClient sender;

  private ServiceBusDeadLetterQueue(ServiceBusClientBuilder clients, String queue) {
    this.clients = clients;
    this.queue = queue;
    this.receiver =
        clients
            .receiver()
            .queueName(queue)
            .subQueue(SubQueue.DEAD_LETTER_QUEUE)
            .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
            .prefetchCount(0)
            .maxAutoLockRenewDuration(LOCK_RENEWAL)
            .buildClient();
    this.manager =
        clients
            .receiver()
            .queueName(queue)
            .subQueue(SubQueue.DEAD_LETTER_QUEUE)
            .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
            .buildClient();
  }

  /**
   * The dead-letter queue of the configured queue, reached with the connection string or, for a
   * namespace, {@code DefaultAzureCredential}. Connects on first use.
   */
  public static ServiceBusDeadLetterQueue open(ServiceBusSettings settings) {
    ServiceBusClientBuilder clients =
        ServiceBusClients.builder(settings, () -> new DefaultAzureCredentialBuilder().build())
            .retryOptions(ServiceBusClients.commandRetry());
    return new ServiceBusDeadLetterQueue(clients, settings.queue());
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public List<DeadLetter> peek(long fromSequenceNumber, int max) {
    try {
      List<DeadLetter> messages = new ArrayList<>();
      manager
          .peekMessages(max, fromSequenceNumber)
          .forEach(message -> messages.add(deadLetter(message)));
      return messages;
    } catch (RuntimeException e) {
      throw failure("peeking at the dead-letter queue", e);
    }
  }

  @Override
  public List<Locked> receive(int max, Duration wait) {
    if (!receiving) {
      throw new IllegalStateException("receiving ended when messages were given back");
    }
    try {
      List<Locked> messages = new ArrayList<>();
      receiver
          .receiveMessages(max, wait)
          .forEach(message -> messages.add(new Held(deadLetter(message), message)));
      return messages;
    } catch (RuntimeException e) {
      throw failure("receiving from the dead-letter queue", e);
    }
  }

  @Override
  public void send(List<Copy> copies) {
    int accepted = 0;
    try {
      ServiceBusSenderClient to = sender();
      ServiceBusMessageBatch batch = to.createMessageBatch();
      for (Copy copy : copies) {
        ServiceBusMessage message = message(copy);
        if (batch.tryAddMessage(message)) {
          continue;
        }
        if (batch.getCount() > 0) {
          to.sendMessages(batch);
          accepted += batch.getCount();
          batch = to.createMessageBatch();
        }
        if (!batch.tryAddMessage(message)) {
          throw new SendFailure(
              accepted,
              "the copy of message #"
                  + copy.source().message().sequenceNumber()
                  + " is larger than a message may be",
              null);
        }
      }
      if (batch.getCount() > 0) {
        to.sendMessages(batch);
        accepted += batch.getCount();
      }
    } catch (SendFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SendFailure(accepted, failure("sending copies to the queue", e).getMessage(), e);
    }
  }

  @Override
  public void complete(Locked message) {
    try {
      receiver.complete(((Held) message).received());
    } catch (ServiceBusException e) {
      if (e.getReason() == ServiceBusFailureReason.MESSAGE_LOCK_LOST) {
        throw new LockLost(
            "the lock of message #" + message.message().sequenceNumber() + " was lost", e);
      }
      throw failure("removing a dead-lettered message", e);
    } catch (RuntimeException e) {
      throw failure("removing a dead-lettered message", e);
    }
  }

  /**
   * Closes the receive link first. The SDK's receiver keeps the link credit a short batch left
   * unused, so a message abandoned while the link is open can be delivered straight back to it; the
   * SDK then releases it in the background, and closing the client before that happened would leave
   * it locked until its lock expired. With the link gone, each message is abandoned by its lock
   * token through {@code $management}.
   */
  @Override
  public void giveBack(Collection<Locked> messages) {
    closeReceiver();
    RuntimeException failure = null;
    for (Locked message : messages) {
      try {
        manager.abandon(((Held) message).received());
      } catch (ServiceBusException e) {
        if (e.getReason() != ServiceBusFailureReason.MESSAGE_LOCK_LOST && failure == null) {
          failure = failure("giving messages back to the dead-letter queue", e);
        }
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = failure("giving messages back to the dead-letter queue", e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void closeReceiver() {
    if (receiving) {
      receiving = false;
      receiver.close();
    }
  }

  @Override
  public void close() {
    if (sender != null) {
      sender.close();
    }
    closeReceiver();
    manager.close();
  }

  private ServiceBusSenderClient sender() {
    if (sender == null) {
      sender = clients.sender().queueName(queue).buildClient();
    }
    return sender;
  }

  /** The copy: the body as it was (whatever its AMQP type), the publisher's properties, new id. */
  private static ServiceBusMessage message(Copy copy) {
    ServiceBusReceivedMessage source = ((Held) copy.source()).received();
    ServiceBusMessage message = new ServiceBusMessage(source.getRawAmqpMessage().getBody());
    message.setMessageId(copy.messageId());
    message.setContentType(source.getContentType());
    message.setSubject(source.getSubject());
    message.setCorrelationId(source.getCorrelationId());
    message.setTo(source.getTo());
    message.setReplyTo(source.getReplyTo());
    message.getApplicationProperties().putAll(copy.applicationProperties());
    return message;
  }

  static DeadLetter deadLetter(ServiceBusReceivedMessage message) {
    Map<String, Object> broker = new LinkedHashMap<>();
    broker.put("sequenceNumber", message.getSequenceNumber());
    put(broker, "messageId", message.getMessageId());
    put(broker, "enqueuedTime", instant(message.getEnqueuedTime()));
    broker.put("deliveryCount", message.getDeliveryCount());
    put(broker, "contentType", message.getContentType());
    put(broker, "subject", message.getSubject());
    put(broker, "correlationId", message.getCorrelationId());
    put(broker, "to", message.getTo());
    put(broker, "replyTo", message.getReplyTo());
    put(broker, "sessionId", message.getSessionId());
    put(broker, "deadLetterReason", message.getDeadLetterReason());
    put(broker, "deadLetterErrorDescription", message.getDeadLetterErrorDescription());
    put(broker, "deadLetterSource", message.getDeadLetterSource());
    put(broker, "lockedUntil", instant(message.getLockedUntil()));
    AmqpMessageBody body = message.getRawAmqpMessage().getBody();
    if (body.getBodyType() != AmqpMessageBodyType.DATA) {
      broker.put("bodyType", body.getBodyType().toString());
    }
    return new DeadLetter(
        message.getSequenceNumber(),
        Objects.requireNonNullElse(message.getMessageId(), ""),
        Optional.ofNullable(message.getEnqueuedTime()).map(OffsetDateTime::toInstant),
        message.getDeliveryCount(),
        Optional.ofNullable(message.getDeadLetterReason()),
        Optional.ofNullable(message.getDeadLetterErrorDescription()),
        broker,
        message.getApplicationProperties(),
        bytes(message, body));
  }

  private static byte[] bytes(ServiceBusReceivedMessage message, AmqpMessageBody body) {
    return switch (body.getBodyType()) {
      case DATA -> message.getBody().toBytes();
      case VALUE ->
          body.getValue() instanceof byte[] bytes
              ? bytes
              : String.valueOf(body.getValue()).getBytes(StandardCharsets.UTF_8);
      case SEQUENCE -> String.valueOf(body.getSequence()).getBytes(StandardCharsets.UTF_8);
    };
  }

  private static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }

  private static void put(Map<String, Object> broker, String name, Object value) {
    if (value != null) {
      broker.put(name, value);
    }
  }

  private QueueFailure failure(String doing, RuntimeException e) {
    ServiceBusProblem problem =
        ServiceBusProblem.of(e, queue, doing, "Data Receiver and, to replay, Data Sender");
    QueueFailure.Kind kind =
        switch (problem.kind()) {
          case MISSING -> QueueFailure.Kind.MISSING;
          case REFUSED -> QueueFailure.Kind.REFUSED;
          case UNREACHABLE, OTHER -> QueueFailure.Kind.OTHER;
        };
    return new QueueFailure(kind, problem.message(), e);
  }

  /** A received message and the SDK's handle for settling it. */
  private record Held(DeadLetter message, ServiceBusReceivedMessage received) implements Locked {}
}
