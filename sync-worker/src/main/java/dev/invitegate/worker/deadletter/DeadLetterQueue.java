package dev.invitegate.worker.deadletter;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dead-letter queue of the invitation queue, and the queue itself for sending copies back: the
 * port the commands work through. Its failures are {@link QueueFailure}, {@link LockLost} and
 * {@link SendFailure}.
 */
public interface DeadLetterQueue extends AutoCloseable {

  /** The queue whose dead letters these are. */
  String queue();

  /**
   * Up to {@code max} messages from {@code fromSequenceNumber} on, in sequence order, without
   * locking or consuming any (locked ones included); empty when there are none.
   */
  List<DeadLetter> peek(long fromSequenceNumber, int max);

  /**
   * Locks and returns up to {@code max} messages that are not locked, waiting up to {@code wait}
   * for the first; empty when none came. Locks are kept alive until the message is settled or the
   * queue is closed.
   */
  List<Locked> receive(int max, Duration wait);

  /**
   * Sends the copies to the queue, in order, in as few batches as fit; returns once Service Bus
   * accepted every one.
   *
   * @throws SendFailure saying how many of the first copies were accepted for certain
   */
  void send(List<Copy> copies);

  /**
   * Removes a locked message from the dead-letter queue.
   *
   * @throws LockLost if the lock expired or the message is gone
   */
  void complete(Locked message);

  /**
   * Ends receiving and gives these locked messages back to the dead-letter queue, unchanged but for
   * their delivery count; a message whose lock is gone already is available again anyway. No
   * receive follows: receiving is stopped first, so that nothing given back is delivered to this
   * client again.
   */
  void giveBack(Collection<Locked> messages);

  @Override
  void close();

  /** A message this client holds locked. */
  interface Locked {
    DeadLetter message();
  }

  /**
   * A copy to send to the queue: the body, content type and other publisher-set properties of
   * {@code source}, with these application properties and message id.
   */
  record Copy(Locked source, String messageId, Map<String, Object> applicationProperties) {
    public Copy {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(messageId, "messageId");
      applicationProperties =
          Collections.unmodifiableMap(new LinkedHashMap<>(applicationProperties));
    }
  }

  /** Service Bus could not be used. */
  final class QueueFailure extends RuntimeException {

    /** What kind of failure, so that a command can tell configuration from outage. */
    public enum Kind {
      /** The queue does not exist. */
      MISSING,
      /** The credentials or their rights were refused. */
      REFUSED,
      /** Anything else: unreachable, timed out, connection lost. */
      OTHER
    }

    private final Kind kind;

    public QueueFailure(Kind kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
      return kind;
    }
  }

  /** The lock of a message was lost (it expired, or the message is gone): it was not settled. */
  final class LockLost extends RuntimeException {
    public LockLost(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Sending copies failed after {@link #accepted()} of them were accepted for certain. */
  final class SendFailure extends RuntimeException {
    private final int accepted;

    public SendFailure(int accepted, String message, Throwable cause) {
      super(message, cause);
      this.accepted = accepted;
    }

    public int accepted() {
      return accepted;
    }
  }
}
