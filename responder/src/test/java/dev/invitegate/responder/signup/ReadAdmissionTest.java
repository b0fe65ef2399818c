package dev.invitegate.responder.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.invitegate.contracts.EmailKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadAdmissionTest {

  private static final EmailKey ALICE = EmailKey.of("alice@example.com");
  private static final Duration BUDGET = Duration.ofMillis(640);

  /** A store whose reads hang until released, as a slow store or a starved CPU makes them. */
  private static final class StuckStore implements InvitationLookup {
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public LookupResult find(EmailKey email, Duration budget) {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new LookupResult.Read(Optional.empty(), Duration.ofMillis(5));
    }
  }

  @Test
  void refusesAtOnce_whenTheCapIsReached_andAdmitsAgainOnceReadsFinish() throws Exception {
    StuckStore store = new StuckStore();
    ReadAdmission admission = new ReadAdmission(store, 3);
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<LookupResult>> stuck = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        stuck.add(callers.submit(() -> admission.find(ALICE, BUDGET)));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> admission.inFlight() == 3);

      long started = System.nanoTime();
      LookupResult refused = admission.find(ALICE, BUDGET);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(refused)
          .isInstanceOfSatisfying(
              LookupResult.Failed.class,
              failed -> assertThat(failed.failure()).isEqualTo(LookupResult.Failure.OVERLOADED));
      assertThat(took).isLessThan(Duration.ofMillis(50));

      store.release.countDown();
      for (Future<LookupResult> call : stuck) {
        assertThat(call.get(5, TimeUnit.SECONDS)).isInstanceOf(LookupResult.Read.class);
      }
      assertThat(admission.inFlight()).isZero();
      assertThat(admission.find(ALICE, BUDGET)).isInstanceOf(LookupResult.Read.class);
    }
  }

  @Test
  void blocksAsTemporarilyUnavailable_withinTheDeadline_whenOverloaded() throws Exception {
    StuckStore store = new StuckStore();
    ReadAdmission admission = new ReadAdmission(store, 1);
    Messages messages = Messages.withNotInvited("Invitation only.");
    SignUpGate gate =
        new SignUpGate(
            admission,
            Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC),
            messages,
            new InviteCodeAttribute("InviteCode"));
    SignUpRequest request =
        new SignUpRequest(
            EventKind.ATTRIBUTE_COLLECTION_START,
            "1f0e2d3c-4b5a-4697-8877-a6b5c4d3e2f1",
            Optional.empty(),
            Optional.of(ALICE),
            Map.of());
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<SignUpDecision> first = callers.submit(() -> gate.decide(request, BUDGET));
      await().atMost(Duration.ofSeconds(5)).until(() -> admission.inFlight() == 1);

      long started = System.nanoTime();
      SignUpDecision second = gate.decide(request, BUDGET);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(second.action())
          .isEqualTo(
              new Action.Block(
                  Action.BlockCause.TEMPORARILY_UNAVAILABLE, messages.temporarilyUnavailable()));
      assertThat(second.reason()).isEqualTo("overloaded");
      assertThat(took).isLessThan(BUDGET);
      store.release.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS).reason()).isEqualTo("no_invitation");
    }
  }

  @Test
  void needsRoomForAtLeastOneRead() {
    assertThatThrownBy(() -> new ReadAdmission(new StuckStore(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
