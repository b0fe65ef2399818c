package dev.invitegate.worker.settlement;

import java.time.Instant;
import java.util.Optional;

/**
 * A peek-locked message as the settlement needs it. The settle methods may throw if the lock was
 * lost; the message then comes back after the lock expires, which projection tolerates.
 */
public interface ReceivedMessage {

  String messageId();

  byte[] body();

  /** Earlier deliveries of this message: 0 on the first (the AMQP header's count). */
  long deliveryCount();

  Optional<Instant> enqueuedTime();

  void complete();

  void deadLetter(String reason, String description);

  void abandon();
}
