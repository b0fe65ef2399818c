package dev.invitegate.worker.deadletter;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of the dead-letter queue as Service Bus reports it, peeked or received.
 *
 * @param sequenceNumber the broker's number for the message; identifies it in the dead-letter queue
 * @param messageId the publisher's message id, empty if it set none
 * @param enqueuedTime when it was first accepted by the queue
 * @param deliveryCount deliveries before this one, as the broker counts them
 * @param reason {@code DeadLetterReason}, e.g. {@code InvalidEvent} or {@code
 *     MaxDeliveryCountExceeded}
 * @param description {@code DeadLetterErrorDescription}
 * @param brokerProperties every broker property that is set, by its SDK name, for showing
 * @param applicationProperties the application properties, including the dead-letter ones; values
 *     as the SDK decoded them, and may be null
 * @param body the body's bytes (a data body; a value body as text)
 *     <p>Two are equal when their sequence numbers are: that is the broker's identity of a message
 *     in one dead-letter queue (and the body is an array, which a record would compare by
 *     reference).
 */
public record DeadLetter(
    long sequenceNumber,
    String messageId,
    Optional<Instant> enqueuedTime,
    long deliveryCount,
    Optional<String> reason,
    Optional<String> description,
    Map<String, Object> brokerProperties,
    Map<String, Object> applicationProperties,
    byte[] body) {

  /** The application property holding the dead-letter reason. */
  public static final String REASON_PROPERTY = "DeadLetterReason";

  /** The application property holding the dead-letter description. */
  public static final String DESCRIPTION_PROPERTY = "DeadLetterErrorDescription";

  public DeadLetter {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(enqueuedTime, "enqueuedTime");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(description, "description");
    // Copied, not Map.copyOf: application property values may be null.
    brokerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(brokerProperties));
    applicationProperties = Collections.unmodifiableMap(new LinkedHashMap<>(applicationProperties));
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** How many times this event was replayed already: {@link Replays#REPLAY_COUNT}, else 0. */
  public long replayCount() {
    return Replays.replayCount(applicationProperties);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeadLetter that && sequenceNumber == that.sequenceNumber;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequenceNumber);
  }

  @Override
  public String toString() {
    return "DeadLetter[#" + sequenceNumber + " " + reason.orElse("") + "]";
  }
}
