package dev.invitegate.worker.deadletter;

import java.util.Objects;

/**
 * A dead-lettered message a command may work on, with what its body says.
 *
 * @param message as peeked
 * @param event its body, read by the contract's parser
 */
public record Candidate(DeadLetter message, DeadLetteredEvent event) {

  public Candidate {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(event, "event");
  }

  public long sequenceNumber() {
    return message.sequenceNumber();
  }
}
