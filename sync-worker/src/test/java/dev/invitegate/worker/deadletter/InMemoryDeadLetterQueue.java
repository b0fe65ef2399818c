package dev.invitegate.worker.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A dead-letter queue and its queue in memory, with Service Bus's rules for locks: a received
 * message is locked until completed or abandoned (abandon counts a delivery), locked messages are
 * peeked but not received, a settlement with a stale lock is refused. Faults can be injected: a
 * refused send, a lost lock, a crash (the process dying) after a number of operations. Not
 * thread-safe: the mover uses it from one thread.
 */
final class InMemoryDeadLetterQueue implements DeadLetterQueue {

  /** The process died: nothing after this point ran. */
  static final class Crash extends Error {
    Crash() {
      super("crashed", null, false, false);
    }
  }

  /** A copy as the queue received it. */
  record Sent(long sourceSequenceNumber, String messageId, Map<String, Object> properties) {}

  private final String queue;
  private final TreeMap<Long, Stored> deadLetters = new TreeMap<>();
  private final List<Sent> sent = new ArrayList<>();
  private final Set<Long> loseLockOnComplete = new HashSet<>();
  private long nextLock = 1;
  private int operationsBeforeCrash = Integer.MAX_VALUE;
  private boolean dead;
  private int completionsBeforeFailure = Integer.MAX_VALUE;
  private int acceptOnNextSend = -1;
  private Consumer<InMemoryDeadLetterQueue> onReceive = queue -> {};

  private static final class Stored {
    DeadLetter message;
    long lock;
    long deliveryCount;

    Stored(DeadLetter message) {
      this.message = message;
      this.deliveryCount = message.deliveryCount();
    }
  }

  private record Held(DeadLetter message, long lock) implements Locked {}

  InMemoryDeadLetterQueue(String queue) {
    this.queue = queue;
  }

  /** Dead-letters a message with this body, reason and application properties. */
  DeadLetter add(long sequenceNumber, String reason, byte[] body, Map<String, Object> properties) {
    Map<String, Object> application = new LinkedHashMap<>(properties);
    application.put(DeadLetter.REASON_PROPERTY, reason);
    application.put(DeadLetter.DESCRIPTION_PROPERTY, "why " + sequenceNumber);
    DeadLetter message =
        new DeadLetter(
            sequenceNumber,
            "m-" + sequenceNumber,
            Optional.of(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(sequenceNumber)),
            0,
            Optional.of(reason),
            Optional.of("why " + sequenceNumber),
            Map.of("sequenceNumber", sequenceNumber),
            application,
            body);
    deadLetters.put(sequenceNumber, new Stored(message));
    return message;
  }

  /** Another receiver holds this message locked. */
  void lockElsewhere(long sequenceNumber) {
    deadLetters.get(sequenceNumber).lock = -1;
  }

  /**
   * Every lock expires: what a crashed run held becomes available (delivery count +1), and a new
   * run may start.
   */
  void expireLocks() {
    dead = false;
    operationsBeforeCrash = Integer.MAX_VALUE;
    for (Stored stored : deadLetters.values()) {
      if (stored.lock != 0) {
        stored.lock = 0;
        stored.deliveryCount++;
      }
    }
  }

  /** The next completion of this message finds its lock expired (the message is available). */
  void loseLockOnComplete(long sequenceNumber) {
    loseLockOnComplete.add(sequenceNumber);
  }

  /** After {@code completions} more completions, Service Bus fails (the connection is lost). */
  void failAfterCompletions(int completions) {
    completionsBeforeFailure = completions;
  }

  /** The next send accepts only the first {@code count} copies, then fails. */
  void acceptOnNextSend(int count) {
    acceptOnNextSend = count;
  }

  /**
   * The process dies before the operation after the next {@code operations} ones: that one and
   * every later one (until {@link #expireLocks}) throw {@link Crash}, so nothing is given back.
   */
  void crashAfter(int operations) {
    operationsBeforeCrash = operations;
  }

  /** Called before each receive: lets a test add messages while a run is going. */
  void onReceive(Consumer<InMemoryDeadLetterQueue> hook) {
    onReceive = hook;
  }

  Set<Long> deadLettered() {
    return new HashSet<>(deadLetters.keySet());
  }

  long deliveryCount(long sequenceNumber) {
    return deadLetters.get(sequenceNumber).deliveryCount;
  }

  boolean locked(long sequenceNumber) {
    return deadLetters.get(sequenceNumber).lock != 0;
  }

  List<Sent> sent() {
    return List.copyOf(sent);
  }

  private void operation() {
    if (dead || operationsBeforeCrash-- <= 0) {
      dead = true;
      operationsBeforeCrash = Integer.MAX_VALUE;
      throw new Crash();
    }
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public List<DeadLetter> peek(long fromSequenceNumber, int max) {
    return deadLetters.tailMap(fromSequenceNumber).values().stream()
        .limit(max)
        .map(stored -> withDeliveryCount(stored))
        .toList();
  }

  @Override
  public List<Locked> receive(int max, Duration wait) {
    operation();
    onReceive.accept(this);
    List<Locked> received = new ArrayList<>();
    for (Stored stored : deadLetters.values()) {
      if (received.size() == max) {
        break;
      }
      if (stored.lock == 0) {
        stored.lock = nextLock++;
        received.add(new Held(withDeliveryCount(stored), stored.lock));
      }
    }
    return received;
  }

  @Override
  public void send(List<Copy> copies) {
    operation();
    int accept = acceptOnNextSend < 0 ? copies.size() : Math.min(acceptOnNextSend, copies.size());
    boolean fail = acceptOnNextSend >= 0;
    acceptOnNextSend = -1;
    for (int i = 0; i < accept; i++) {
      Copy copy = copies.get(i);
      sent.add(
          new Sent(
              copy.source().message().sequenceNumber(),
              copy.messageId(),
              copy.applicationProperties()));
    }
    if (fail) {
      throw new SendFailure(accept, "the queue refused the batch", null);
    }
  }

  @Override
  public void complete(Locked message) {
    operation();
    if (completionsBeforeFailure-- <= 0) {
      completionsBeforeFailure = Integer.MAX_VALUE;
      throw new QueueFailure(QueueFailure.Kind.OTHER, "connection lost", null);
    }
    Stored stored = current(message);
    if (loseLockOnComplete.remove(message.message().sequenceNumber())) {
      stored.lock = 0;
      stored.deliveryCount++;
      throw new LockLost("lock of #" + message.message().sequenceNumber() + " expired", null);
    }
    deadLetters.remove(message.message().sequenceNumber());
  }

  @Override
  public void giveBack(Collection<Locked> messages) {
    operation();
    for (Locked message : messages) {
      Stored stored = deadLetters.get(message.message().sequenceNumber());
      if (stored != null && stored.lock == ((Held) message).lock()) {
        stored.lock = 0;
        stored.deliveryCount++;
      }
    }
  }

  private Stored current(Locked message) {
    Stored stored = deadLetters.get(message.message().sequenceNumber());
    if (stored == null || stored.lock != ((Held) message).lock()) {
      throw new LockLost("lock of #" + message.message().sequenceNumber() + " is gone", null);
    }
    return stored;
  }

  private static DeadLetter withDeliveryCount(Stored stored) {
    DeadLetter m = stored.message;
    return new DeadLetter(
        m.sequenceNumber(),
        m.messageId(),
        m.enqueuedTime(),
        stored.deliveryCount,
        m.reason(),
        m.description(),
        m.brokerProperties(),
        m.applicationProperties(),
        m.body());
  }

  @Override
  public void close() {}
}
