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

  /** 1 on the first delivery. */
  long deliveryCount();

  Optional<Instant> enqueuedTime();

  void complete();

  void deadLetter(String reason, String description);

  void abandon();
}
