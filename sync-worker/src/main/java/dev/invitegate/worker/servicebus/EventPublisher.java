package dev.invitegate.worker.servicebus;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Publishes invitation events to the queue as upstream publishers must: one event per message, the
 * CloudEvents JSON as the body, content type {@code application/cloudevents+json}, and the event id
 * as the message id (so that a queue with duplicate detection drops a resend). One at a time, or in
 * batches as large as the queue takes.
 */
public final class EventPublisher implements AutoCloseable {

  /** Service Bus message ids are at most 128 characters; event ids may be up to 256. */
  private static final int MAX_MESSAGE_ID_LENGTH = 128;

  private final String queue;
  private final String contentType;
  private final ServiceBusSenderClient sender;

  /**
   * @param contentType of every message, {@code application/cloudevents+json}
   */
  public EventPublisher(ServiceBusClientBuilder clients, String queue, String contentType) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.sender =
        clients
            .retryOptions(ServiceBusClients.commandRetry())
            .sender()
            .queueName(queue)
            .buildClient();
  }

  /** Why a send failed; the events it carried were not sent. */
  public static final class PublishFailure extends RuntimeException {

    private final boolean configuration;

    PublishFailure(String message, boolean configuration, Throwable cause) {
      super(message, cause);
      this.configuration = configuration;
    }

    /** Whether the queue is missing or access is denied: nothing will go until that is fixed. */
    public boolean configuration() {
      return configuration;
    }
  }

  /** Sends one event. */
  public void send(String eventId, byte[] body) {
    try {
      sender.sendMessage(message(eventId, body));
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  /** An empty batch, as large as the queue takes. */
  public Batch batch() {
    try {
      return new Batch(sender.createMessageBatch());
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  /** Events that go in one send. */
  public final class Batch {

    private final ServiceBusMessageBatch messages;

    private Batch(ServiceBusMessageBatch messages) {
      this.messages = messages;
    }

    /** Adds the event if it still fits; false if the batch is full. */
    public boolean tryAdd(String eventId, byte[] body) {
      return messages.tryAddMessage(message(eventId, body));
    }

    public int count() {
      return messages.getCount();
    }

    /** Sends every event of the batch, or none. */
    public void send() {
      try {
        sender.sendMessages(messages);
      } catch (RuntimeException e) {
        throw failure(e);
      }
    }
  }

  private ServiceBusMessage message(String eventId, byte[] body) {
    return new ServiceBusMessage(BinaryData.fromBytes(body))
        .setContentType(contentType)
        .setMessageId(messageId(eventId));
  }

  /** The event id, or for a longer one a SHA-256 of it, which still identifies the event. */
  static String messageId(String eventId) {
    if (eventId.length() <= MAX_MESSAGE_ID_LENGTH) {
      return eventId;
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(eventId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private PublishFailure failure(RuntimeException e) {
    ServiceBusProblem problem = ServiceBusProblem.of(e, queue, "sending", "Data Sender");
    return new PublishFailure(problem.message(), problem.configuration(), e);
  }

  @Override
  public void close() {
    sender.close();
  }
}
