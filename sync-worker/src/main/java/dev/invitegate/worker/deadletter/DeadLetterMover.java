package dev.invitegate.worker.deadletter;

import dev.invitegate.worker.deadletter.DeadLetterQueue.Copy;
import dev.invitegate.worker.deadletter.DeadLetterQueue.LockLost;
import dev.invitegate.worker.deadletter.DeadLetterQueue.Locked;
import dev.invitegate.worker.deadletter.DeadLetterQueue.QueueFailure;
import dev.invitegate.worker.deadletter.DeadLetterQueue.SendFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out a {@link Plan}: replays (sends a copy to the queue, then removes the dead-lettered
 * message) or purges (removes) each target, so that no event is ever lost.
 *
 * <p><b>Selecting and locking.</b> Service Bus cannot lock a chosen message by its sequence number
 * (only deferred ones), so targets are chosen first by peeking (the plan) and then received in
 * peek-lock in queue order. A received message that is not a target (it arrived after the plan, was
 * skipped, or was not selected) is held locked, not given back at once, since it would only be
 * received again at once; held messages are given back when the run ends, which raises their
 * delivery count by one and changes nothing else. The receiver keeps every lock it holds alive
 * until settlement, so a long run does not lose held or in-flight messages to lock expiry; should a
 * lock expire anyway, the message simply comes back and is recognised by its sequence number.
 * Receiving stops when every target is done, when nothing more arrives, or when {@code maxHeld}
 * other messages are held (the rest is then reported, never guessed at).
 *
 * <p><b>Never losing an event.</b> A dead-lettered message is removed only after Service Bus has
 * accepted its copy, which it stores before it acknowledges. Stopped at any point (Ctrl-C, SIGKILL,
 * lost connection), every message not yet removed stays in the dead-letter queue, locked until its
 * lock expires, and the next run picks it up; the worst case is a copy sent twice (the batch in
 * flight when the run stopped), which projection ignores as stale, and which duplicate detection
 * drops where it is on, since the copy's message id is derived from the dead-lettered message. A
 * copy is never sent twice within one run.
 */
public final class DeadLetterMover {

  /** What to do with each target. */
  public enum Action {
    /** Send a copy to the queue, then remove it from the dead-letter queue. */
    REPLAY,
    /** Remove it from the dead-letter queue. */
    PURGE
  }

  /** Hears of each target's outcome as soon as it is known. */
  @FunctionalInterface
  public interface Listener {
    void outcome(Candidate candidate, Outcome outcome);
  }

  /**
   * How a run ended.
   *
   * @param stoppedBecause why it stopped before every target was tried (a send refused, Service Bus
   *     failing); empty when it ran to the end
   */
  public record Result(Optional<String> stoppedBecause) {
    public Result {
      Objects.requireNonNull(stoppedBecause, "stoppedBecause");
    }
  }

  private final DeadLetterQueue queue;
  private final int batchSize;
  private final Duration receiveWait;
  private final int maxHeld;

  /**
   * @param batchSize messages received, and copies sent, per round trip
   * @param receiveWait how long a receive waits for a first message before the run concludes that
   *     nothing more will come
   * @param maxHeld how many messages it did not select a run may hold locked while it looks for its
   *     targets (each costs memory and lock renewals)
   */
  public DeadLetterMover(DeadLetterQueue queue, int batchSize, Duration receiveWait, int maxHeld) {
    this.queue = Objects.requireNonNull(queue, "queue");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    this.batchSize = batchSize;
    this.receiveWait = Objects.requireNonNull(receiveWait, "receiveWait");
    if (maxHeld < 1) {
      throw new IllegalArgumentException("maxHeld must be at least 1");
    }
    this.maxHeld = maxHeld;
  }

  /** Moves the plan's targets; each outcome goes to {@code listener}, skipped ones first. */
  public Result move(Plan plan, Action action, Listener listener) {
    for (Candidate skipped : plan.skipped()) {
      listener.outcome(skipped, new Outcome.Skipped(skipped.message().replayCount()));
    }
    Run run = new Run(plan, action, listener);
    run.receiveAll();
    run.reportRemaining();
    return new Result(Optional.ofNullable(run.stoppedBecause));
  }

  /** The state of one run. */
  private final class Run {
    private final Action action;
    private final Listener listener;
    private final Map<Long, Candidate> remaining = new LinkedHashMap<>();

    /**
     * Received but not targets (or targets whose copy was refused): held locked so they are not
     * received again, given back at the end.
     */
    private final Map<Long, Locked> held = new LinkedHashMap<>();

    /** Copies accepted in this run whose dead-lettered message is not removed yet. */
    private final Set<Long> sent = new HashSet<>();

    /** Targets whose lock was lost before they could be removed. */
    private final Set<Long> lockLost = new HashSet<>();

    private final List<Locked> inHand = new ArrayList<>();
    private String stoppedBecause;
    private boolean heldTooMany;

    Run(Plan plan, Action action, Listener listener) {
      this.action = action;
      this.listener = listener;
      for (Candidate target : plan.targets()) {
        remaining.put(target.sequenceNumber(), target);
      }
    }

    void receiveAll() {
      boolean othersSeen = false;
      try {
        while (!remaining.isEmpty() && stoppedBecause == null && held.size() < maxHeld) {
          // Ask for no more than is left, until other messages show up in between.
          int want = othersSeen ? batchSize : Math.min(batchSize, remaining.size());
          List<Locked> batch = queue.receive(want, receiveWait);
          if (batch.isEmpty()) {
            break;
          }
          for (Locked message : batch) {
            long sequenceNumber = message.message().sequenceNumber();
            if (remaining.containsKey(sequenceNumber)) {
              inHand.add(message);
            } else {
              othersSeen = true;
              // Received again after its lock expired: the newer lock is the one to give back.
              held.put(sequenceNumber, message);
            }
          }
          if (action == Action.REPLAY) {
            sendCopies();
          }
          removeInHand();
        }
        heldTooMany = !remaining.isEmpty() && held.size() >= maxHeld;
      } catch (QueueFailure e) {
        stoppedBecause = e.getMessage();
      } finally {
        // Targets still in hand (a failure struck) and the messages held: back, all at once.
        inHand.forEach(message -> held.put(message.message().sequenceNumber(), message));
        inHand.clear();
        giveBackQuietly(held.values());
        held.clear();
      }
    }

    /** Sends a copy of each message in hand that has none in the queue from this run yet. */
    private void sendCopies() {
      List<Copy> copies = new ArrayList<>();
      for (Locked message : inHand) {
        DeadLetter dead = message.message();
        if (!sent.contains(dead.sequenceNumber())) {
          copies.add(
              new Copy(
                  message,
                  Replays.messageId(queue.queue(), dead),
                  Replays.applicationProperties(dead)));
        }
      }
      if (copies.isEmpty()) {
        return;
      }
      try {
        queue.send(copies);
        copies.forEach(copy -> sent.add(sequenceNumber(copy)));
      } catch (SendFailure e) {
        stoppedBecause = "sending to queue '" + queue.queue() + "' failed: " + e.getMessage();
        for (int i = 0; i < copies.size(); i++) {
          Copy copy = copies.get(i);
          if (i < e.accepted()) {
            sent.add(sequenceNumber(copy));
          } else {
            // Not accepted for certain: kept dead-lettered (given back at the end); at worst a
            // copy went anyway.
            inHand.remove(copy.source());
            held.put(sequenceNumber(copy), copy.source());
            Candidate target = remaining.remove(sequenceNumber(copy));
            listener.outcome(target, new Outcome.Failed(stoppedBecause));
          }
        }
      }
    }

    /** Removes each message in hand from the dead-letter queue: after its copy was accepted. */
    private void removeInHand() {
      for (Iterator<Locked> it = inHand.iterator(); it.hasNext(); ) {
        Locked message = it.next();
        long sequenceNumber = message.message().sequenceNumber();
        if (action == Action.REPLAY && !sent.contains(sequenceNumber)) {
          throw new IllegalStateException("a message is removed only after its copy was sent");
        }
        try {
          queue.complete(message);
        } catch (LockLost e) {
          // Still dead-lettered; if it comes back in this run it is removed without a new copy.
          it.remove();
          lockLost.add(sequenceNumber);
          continue;
        }
        it.remove();
        sent.remove(sequenceNumber);
        Candidate target = remaining.remove(sequenceNumber);
        listener.outcome(
            target,
            action == Action.REPLAY
                ? new Outcome.Replayed(target.message().replayCount() + 1)
                : new Outcome.Purged());
      }
    }

    void reportRemaining() {
      for (Candidate target : remaining.values()) {
        listener.outcome(target, why(target));
      }
    }

    private Outcome why(Candidate target) {
      long sequenceNumber = target.sequenceNumber();
      if (sent.contains(sequenceNumber)) {
        return new Outcome.SentStillDeadLettered(
            stoppedBecause == null || lockLost.contains(sequenceNumber)
                ? "its lock was lost before it could be removed"
                : "stopped before it could be removed: " + stoppedBecause);
      }
      if (lockLost.contains(sequenceNumber)) {
        return new Outcome.Failed(
            "its lock was lost before it could be removed; it is still dead-lettered");
      }
      if (stoppedBecause != null) {
        return new Outcome.Failed("not tried: " + stoppedBecause);
      }
      if (heldTooMany) {
        return new Outcome.NotFound(
            "not reached: "
                + maxHeld
                + " other messages came first (narrow the selection, or purge what is beyond"
                + " repair, and run again)");
      }
      try {
        List<DeadLetter> still = queue.peek(sequenceNumber, 1);
        if (!still.isEmpty() && still.getFirst().sequenceNumber() == sequenceNumber) {
          return new Outcome.NotFound(
              "still dead-lettered but locked by another receiver (a run that was stopped, or"
                  + " another consumer); try again once the queue's lock duration has passed");
        }
        return new Outcome.NotFound("no longer in the dead-letter queue (removed by someone else)");
      } catch (QueueFailure e) {
        return new Outcome.NotFound("not received, and cannot be peeked: " + e.getMessage());
      }
    }

    private void giveBackQuietly(Collection<Locked> messages) {
      try {
        queue.giveBack(new ArrayList<>(messages));
      } catch (RuntimeException e) {
        // Their locks expire instead: they are available again after the lock duration.
        if (stoppedBecause == null) {
          stoppedBecause = "giving back messages it did not select failed: " + e.getMessage();
        }
      }
    }

    private static long sequenceNumber(Copy copy) {
      return copy.source().message().sequenceNumber();
    }
  }
}
