package dev.invitegate.worker.deadletter;

import dev.invitegate.contracts.EmailKey;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which dead-lettered messages a command works on. Every criterion given must hold; none given
 * selects every message. The reason is the broker's; type and email are the event's own, read from
 * the body; the times are the message's enqueued time.
 *
 * @param sequenceNumbers only these messages; empty for any
 * @param reason the dead-letter reason, in any letter case
 * @param type granted or revoked, as the body says
 * @param email the event's email, normalised as the contract keys it
 * @param since enqueued at or after
 * @param until enqueued before
 * @param max at most this many messages
 */
public record Selection(
    SortedSet<Long> sequenceNumbers,
    Optional<String> reason,
    Optional<EventType> type,
    Optional<EmailKey> email,
    Optional<Instant> since,
    Optional<Instant> until,
    OptionalInt max) {

  public Selection {
    sequenceNumbers = Collections.unmodifiableSortedSet(new TreeSet<>(sequenceNumbers));
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(max, "max");
    if (max.isPresent() && max.getAsInt() < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
  }

  /** Every message of the dead-letter queue. */
  public static Selection all() {
    return new Selection(
        new TreeSet<>(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty());
  }

  public Selection withSequenceNumbers(Set<Long> numbers) {
    return new Selection(new TreeSet<>(numbers), reason, type, email, since, until, max);
  }

  public Selection withReason(String code) {
    return new Selection(sequenceNumbers, Optional.of(code), type, email, since, until, max);
  }

  public Selection withType(EventType eventType) {
    return new Selection(sequenceNumbers, reason, Optional.of(eventType), email, since, until, max);
  }

  public Selection withEmail(EmailKey key) {
    return new Selection(sequenceNumbers, reason, type, Optional.of(key), since, until, max);
  }

  public Selection withSince(Instant instant) {
    return new Selection(sequenceNumbers, reason, type, email, Optional.of(instant), until, max);
  }

  /** Enqueued before {@code instant}; with an earlier bound already set, the earlier one holds. */
  public Selection withUntil(Instant instant) {
    Instant bound = until.filter(existing -> existing.isBefore(instant)).orElse(instant);
    return new Selection(sequenceNumbers, reason, type, email, since, Optional.of(bound), max);
  }

  public Selection withMax(int count) {
    return new Selection(sequenceNumbers, reason, type, email, since, until, OptionalInt.of(count));
  }

  /** The same criteria, without a bound on how many. */
  public Selection withoutMax() {
    return new Selection(sequenceNumbers, reason, type, email, since, until, OptionalInt.empty());
  }

  /** Whether the message and the event its body holds meet every criterion (but {@link #max}). */
  public boolean matches(DeadLetter message, DeadLetteredEvent event) {
    if (!sequenceNumbers.isEmpty() && !sequenceNumbers.contains(message.sequenceNumber())) {
      return false;
    }
    if (reason.isPresent()
        && !message.reason().map(r -> r.equalsIgnoreCase(reason.get())).orElse(false)) {
      return false;
    }
    if (type.isPresent() && !event.type().equals(type)) {
      return false;
    }
    if (email.isPresent() && !event.email().equals(email)) {
      return false;
    }
    if (since.isPresent()
        && !message.enqueuedTime().map(t -> !t.isBefore(since.get())).orElse(false)) {
      return false;
    }
    return until.isEmpty()
        || message.enqueuedTime().map(t -> t.isBefore(until.get())).orElse(false);
  }
}
