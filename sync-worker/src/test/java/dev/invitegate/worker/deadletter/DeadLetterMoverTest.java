package dev.invitegate.worker.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.worker.deadletter.DeadLetterMover.Action;
import dev.invitegate.worker.projection.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DeadLetterMoverTest {

  private static final InvitationEventParser PARSER = new InvitationEventParser();

  private final InMemoryDeadLetterQueue queue = new InMemoryDeadLetterQueue("events");
  private final Map<Long, Outcome> outcomes = new LinkedHashMap<>();

  private static byte[] event(long n) {
    return Events.granted(
        "evt-" + n,
        "user" + n + "@example.org",
        Optional.empty(),
        Instant.parse("2026-03-01T10:00:00Z").plusSeconds(n));
  }

  private void deadLetter(long... sequenceNumbers) {
    for (long n : sequenceNumbers) {
      queue.add(n, "MaxDeliveryCountExceeded", event(n), Map.of("tenant", "contoso"));
    }
  }

  private DeadLetterMover.Result run(Selection selection, Action action, long maxReplays) {
    return run(queue, selection, action, maxReplays, 100, outcomes);
  }

  private static DeadLetterMover.Result run(
      InMemoryDeadLetterQueue queue,
      Selection selection,
      Action action,
      long maxReplays,
      int batchSize,
      Map<Long, Outcome> outcomes) {
    Plan plan = new DeadLetterScan(queue, PARSER).plan(selection, maxReplays);
    return new DeadLetterMover(queue, batchSize, Duration.ZERO, 1_000)
        .move(
            plan,
            action,
            (candidate, outcome) -> outcomes.put(candidate.sequenceNumber(), outcome));
  }

  @Test
  void replaysEachSelectedMessage_sendingItsCopyBeforeRemovingIt() {
    deadLetter(1, 2, 3);

    DeadLetterMover.Result result = run(Selection.all(), Action.REPLAY, 3);

    assertThat(result.stoppedBecause()).isEmpty();
    assertThat(queue.deadLettered()).isEmpty();
    assertThat(queue.sent())
        .extracting(InMemoryDeadLetterQueue.Sent::sourceSequenceNumber)
        .containsExactly(1L, 2L, 3L);
    assertThat(outcomes.values()).containsOnly(new Outcome.Replayed(1));
    InMemoryDeadLetterQueue.Sent copy = queue.sent().getFirst();
    assertThat(copy.properties())
        .containsEntry("tenant", "contoso")
        .containsEntry(Replays.REPLAY_COUNT, 1L)
        .containsEntry(Replays.ORIGINAL_SEQUENCE_NUMBER, 1L)
        .containsEntry(Replays.ORIGINAL_DEAD_LETTER_REASON, "MaxDeliveryCountExceeded")
        .doesNotContainKeys(DeadLetter.REASON_PROPERTY, DeadLetter.DESCRIPTION_PROPERTY);
    assertThat(copy.messageId()).isNotEqualTo("m-1");
  }

  @Test
  void keepsTheMessageDeadLetteredAndStops_whenTheQueueRefusesItsCopy() {
    deadLetter(1, 2, 3);
    queue.acceptOnNextSend(1);

    DeadLetterMover.Result result = run(Selection.all(), Action.REPLAY, 3);

    assertThat(result.stoppedBecause()).hasValueSatisfying(r -> assertThat(r).contains("refused"));
    assertThat(queue.deadLettered()).containsExactlyInAnyOrder(2L, 3L);
    assertThat(queue.sent()).hasSize(1);
    assertThat(outcomes.get(1L)).isEqualTo(new Outcome.Replayed(1));
    assertThat(outcomes.get(2L)).isInstanceOf(Outcome.Failed.class);
    assertThat(outcomes.get(3L)).isInstanceOf(Outcome.Failed.class);
    assertThat(queue.locked(2)).isFalse();
    assertThat(queue.locked(3)).isFalse();
  }

  @Test
  void givesBackTheMessagesItReceivedButDidNotSelect_atTheEnd() {
    deadLetter(1, 2, 3, 4, 5, 6);

    run(Selection.all().withSequenceNumbers(Set.of(4L)), Action.REPLAY, 3);

    assertThat(queue.deadLettered()).containsExactlyInAnyOrder(1L, 2L, 3L, 5L, 6L);
    assertThat(queue.deadLettered()).allSatisfy(n -> assertThat(queue.locked(n)).isFalse());
    assertThat(queue.sent())
        .extracting(InMemoryDeadLetterQueue.Sent::sourceSequenceNumber)
        .containsExactly(4L);
    // Held ones were received once each, never handed back and received again in the same run.
    assertThat(queue.deliveryCount(1)).isEqualTo(1);
  }

  @Test
  void skipsMessagesReplayedAsOftenAsAllowed_unlessForced() {
    queue.add(1, "InvalidEvent", event(1), Map.of(Replays.REPLAY_COUNT, 3));
    queue.add(2, "InvalidEvent", event(2), Map.of(Replays.REPLAY_COUNT, 2));

    run(Selection.all(), Action.REPLAY, 3);

    assertThat(outcomes.get(1L)).isEqualTo(new Outcome.Skipped(3));
    assertThat(outcomes.get(2L)).isEqualTo(new Outcome.Replayed(3));
    assertThat(queue.deadLettered()).containsExactly(1L);

    outcomes.clear();
    run(Selection.all(), Action.REPLAY, Long.MAX_VALUE);

    assertThat(outcomes.get(1L)).isEqualTo(new Outcome.Replayed(4));
    assertThat(queue.deadLettered()).isEmpty();
  }

  @Test
  void sendsNoSecondCopyInTheSameRun_whenALockIsLostAfterTheCopyWasSent() {
    deadLetter(1, 2);
    queue.loseLockOnComplete(1);

    run(Selection.all(), Action.REPLAY, 3);

    assertThat(queue.deadLettered()).isEmpty();
    assertThat(queue.sent())
        .extracting(InMemoryDeadLetterQueue.Sent::sourceSequenceNumber)
        .containsExactly(1L, 2L);
    assertThat(outcomes.get(1L)).isEqualTo(new Outcome.Replayed(1));
  }

  @Test
  void reportsAMessageLockedByAnotherReceiver_asNotFoundAndStillDeadLettered() {
    deadLetter(1, 2);
    queue.lockElsewhere(2);

    run(Selection.all(), Action.REPLAY, 3);

    assertThat(outcomes.get(1L)).isEqualTo(new Outcome.Replayed(1));
    assertThat(outcomes.get(2L))
        .isInstanceOfSatisfying(
            Outcome.NotFound.class,
            notFound -> assertThat(notFound.why()).contains("locked by another receiver"));
    assertThat(queue.deadLettered()).containsExactly(2L);
  }

  @Test
  void reportsTargetsBehindTooManyOtherMessages_asNotReached_andGivesEverythingBack() {
    deadLetter(1, 2, 3, 4, 5, 6, 7, 8);
    Plan plan =
        new DeadLetterScan(queue, PARSER).plan(Selection.all().withSequenceNumbers(Set.of(8L)), 3);

    new DeadLetterMover(queue, 2, Duration.ZERO, 3)
        .move(
            plan,
            Action.REPLAY,
            (candidate, outcome) -> outcomes.put(candidate.sequenceNumber(), outcome));

    assertThat(outcomes.get(8L))
        .isInstanceOfSatisfying(
            Outcome.NotFound.class, notFound -> assertThat(notFound.why()).contains("not reached"));
    assertThat(queue.sent()).isEmpty();
    assertThat(queue.deadLettered())
        .hasSize(8)
        .allSatisfy(n -> assertThat(queue.locked(n)).isFalse());
  }

  @Test
  void leavesMessagesThatArriveDuringTheRun_forTheNextRun() {
    deadLetter(5, 6);
    queue.onReceive(
        q -> {
          if (!q.deadLettered().contains(3L) && q.sent().isEmpty()) {
            q.add(3, "InvalidEvent", event(3), Map.of());
          }
        });

    run(Selection.all(), Action.REPLAY, 3);

    assertThat(queue.deadLettered()).containsExactly(3L);
    assertThat(queue.locked(3)).isFalse();
    assertThat(outcomes.keySet()).containsExactly(5L, 6L);
  }

  @Test
  void keepsWhatIsNotRemovedDeadLetteredAndSaysWhy_whenServiceBusFailsMidRun() {
    deadLetter(1, 2, 3);
    queue.failAfterCompletions(1);

    DeadLetterMover.Result result = run(Selection.all(), Action.REPLAY, 3);

    assertThat(result.stoppedBecause()).contains("connection lost");
    assertThat(queue.deadLettered()).containsExactlyInAnyOrder(2L, 3L);
    assertThat(queue.deadLettered()).allSatisfy(n -> assertThat(queue.locked(n)).isFalse());
    assertThat(outcomes.get(2L)).isInstanceOf(Outcome.SentStillDeadLettered.class);
    assertThat(outcomes.get(3L)).isInstanceOf(Outcome.SentStillDeadLettered.class);
  }

  @Test
  void purgesOnlyTheSelectedMessages() {
    queue.add(1, "InvalidEvent", event(1), Map.of());
    queue.add(2, "MaxDeliveryCountExceeded", event(2), Map.of());
    queue.add(3, "invalidevent", event(3), Map.of());

    run(Selection.all().withReason("InvalidEvent"), Action.PURGE, Long.MAX_VALUE);

    assertThat(queue.deadLettered()).containsExactly(2L);
    assertThat(queue.sent()).isEmpty();
    assertThat(outcomes).containsOnlyKeys(1L, 3L);
    assertThat(outcomes.values()).containsOnly(new Outcome.Purged());
  }

  /**
   * A replay killed after any number of steps and then run again to its end: every event is in the
   * queue, none twice but those whose dead-lettered message was still there when the run was
   * killed, and then with the same message id (duplicate detection would drop the second).
   */
  @Property(tries = 300)
  void losesNoEventAndDuplicatesOnlyWhatWasInFlight_whenARunIsKilledAtAnyStep(
      @ForAll @IntRange(min = 1, max = 40) int messages,
      @ForAll @IntRange(min = 1, max = 7) int batchSize,
      @ForAll @IntRange(min = 0, max = 60) int killedAfter) {
    InMemoryDeadLetterQueue queue = new InMemoryDeadLetterQueue("events");
    for (long n = 1; n <= messages; n++) {
      queue.add(n, "MaxDeliveryCountExceeded", event(n), Map.of());
    }
    Set<Long> all = LongStream.rangeClosed(1, messages).boxed().collect(Collectors.toSet());
    queue.crashAfter(killedAfter);
    try {
      run(queue, Selection.all(), Action.REPLAY, 3, batchSize, new LinkedHashMap<>());
    } catch (InMemoryDeadLetterQueue.Crash killed) {
      // The process died here.
    }
    Set<Long> copied = sources(queue.sent());
    Set<Long> stillDeadLettered = queue.deadLettered();
    assertThat(union(copied, stillDeadLettered)).as("none lost").isEqualTo(all);
    Set<Long> both = new HashSet<>(copied);
    both.retainAll(stillDeadLettered);
    assertThat(both.size()).as("only the batch in flight").isLessThanOrEqualTo(batchSize);
    assertThat(queue.sent()).as("no copy twice in one run").hasSize(copied.size());

    queue.expireLocks();
    Map<Long, Outcome> outcomes = new LinkedHashMap<>();
    run(queue, Selection.all(), Action.REPLAY, 3, batchSize, outcomes);

    assertThat(queue.deadLettered()).isEmpty();
    assertThat(sources(queue.sent())).isEqualTo(all);
    Map<Long, List<String>> idsBySource = new LinkedHashMap<>();
    for (InMemoryDeadLetterQueue.Sent sent : queue.sent()) {
      idsBySource
          .computeIfAbsent(sent.sourceSequenceNumber(), n -> new ArrayList<>())
          .add(sent.messageId());
    }
    idsBySource.forEach(
        (source, ids) -> {
          if (ids.size() > 1) {
            assertThat(both).as("sent twice only if in flight at the kill").contains(source);
            assertThat(Set.copyOf(ids)).as("with the same message id").hasSize(1);
          }
        });
  }

  private static Set<Long> sources(List<InMemoryDeadLetterQueue.Sent> sent) {
    return sent.stream()
        .map(InMemoryDeadLetterQueue.Sent::sourceSequenceNumber)
        .collect(Collectors.toSet());
  }

  private static Set<Long> union(Set<Long> a, Set<Long> b) {
    Set<Long> union = new HashSet<>(a);
    union.addAll(b);
    return union;
  }
}
