package dev.invitegate.worker.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.runtime.Backoff;
import dev.invitegate.runtime.logging.EmailHasher;
import dev.invitegate.runtime.logging.LogValues;
import dev.invitegate.worker.projection.Events;
import dev.invitegate.worker.projection.InMemoryInvitationLedger;
import dev.invitegate.worker.projection.InvitationProjector;
import dev.invitegate.worker.projection.LedgerFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MessageHandlerTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final InMemoryInvitationLedger ledger = new InMemoryInvitationLedger();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final List<String> fatalReasons = new CopyOnWriteArrayList<>();
  private final MessageHandler handler =
      new MessageHandler(
          new InvitationProjector(ledger, new InvitationEventParser()),
          new SettlementPolicy(new Backoff(Duration.ZERO, Duration.ZERO)),
          metrics,
          new EmailHasher("0123456789abcdef".getBytes(StandardCharsets.UTF_8)),
          (reason, cause) -> fatalReasons.add(reason),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void completesAndRecordsLag_whenEventApplies() {
    FakeMessage message =
        new FakeMessage(
            Events.granted("e1", "a@example.com", Optional.empty(), NOW.minusSeconds(60)),
            NOW.minusSeconds(2));

    handler.handle(message);

    assertThat(message.settlements).containsExactly("complete");
    assertThat(metrics.events).containsExactly("applied lag=PT2S");
    assertThat(ledger.stored(EmailKey.of("a@example.com"))).isPresent();
  }

  @Test
  void completes_whenEventIsADuplicate() {
    byte[] body = Events.granted("e1", "a@example.com", Optional.empty(), NOW);
    handler.handle(new FakeMessage(body, NOW));
    FakeMessage again = new FakeMessage(body, NOW);

    handler.handle(again);

    assertThat(again.settlements).containsExactly("complete");
    assertThat(metrics.events).containsExactly("applied lag=PT0S", "stale");
  }

  @Test
  void deadLettersWithReasonAndDescription_whenEventIsPoison() {
    FakeMessage message =
        new FakeMessage(Events.granted("e1", "nobody", Optional.empty(), NOW), NOW);

    handler.handle(message);

    assertThat(message.settlements).hasSize(1);
    assertThat(message.settlements.getFirst()).startsWith("deadLetter InvalidEvent data.email");
    assertThat(metrics.events).containsExactly("deadLettered InvalidEvent");
  }

  @Test
  void abandons_whenLedgerIsUnavailable() {
    ledger.failNext(new LedgerFailure(LedgerFailure.Kind.TRANSIENT, "503", null));
    FakeMessage message =
        new FakeMessage(Events.granted("e1", "a@example.com", Optional.empty(), NOW), NOW);

    handler.handle(message);

    assertThat(message.settlements).containsExactly("abandon");
    assertThat(metrics.events).containsExactly("abandoned transient");
    assertThat(fatalReasons).isEmpty();
  }

  @Test
  void abandonsAndReportsFatal_whenLedgerRejectsCredentials() {
    ledger.failNext(new LedgerFailure(LedgerFailure.Kind.FATAL, "Cosmos DB answered 401", null));
    FakeMessage message =
        new FakeMessage(Events.granted("e1", "a@example.com", Optional.empty(), NOW), NOW);

    handler.handle(message);

    assertThat(message.settlements).containsExactly("abandon");
    assertThat(fatalReasons).containsExactly("Cosmos DB answered 401");
  }

  @Test
  void abandonsUntouched_afterShutdownBegan() {
    handler.beginShutdown();
    FakeMessage message =
        new FakeMessage(Events.granted("e1", "a@example.com", Optional.empty(), NOW), NOW);

    handler.handle(message);

    assertThat(message.settlements).containsExactly("abandon");
    assertThat(ledger.stored(EmailKey.of("a@example.com"))).isEmpty();
  }

  @Test
  void countsSettlementFailure_whenLockWasLost() {
    FakeMessage message =
        new FakeMessage(Events.granted("e1", "a@example.com", Optional.empty(), NOW), NOW);
    message.lockLost = true;

    handler.handle(message);

    assertThat(metrics.events).containsExactly("settlementFailed");
  }

  @Test
  void quotesLogFields_soPublisherTextCannotForgeLines() {
    assertThat(LogValues.field("evt-2026-01-06-0001")).isEqualTo("evt-2026-01-06-0001");
    assertThat(LogValues.field("a\"b\nevent=forged"))
        .isEqualTo("\"a\\\"b\\nevent=forged\"")
        .doesNotContain("\n");
  }

  private static final class FakeMessage implements ReceivedMessage {
    private final byte[] body;
    private final Instant enqueued;
    private final List<String> settlements = new ArrayList<>();
    private boolean lockLost;

    FakeMessage(byte[] body, Instant enqueued) {
      this.body = body;
      this.enqueued = enqueued;
    }

    @Override
    public String messageId() {
      return "m-1";
    }

    @Override
    public byte[] body() {
      return body;
    }

    @Override
    public long deliveryCount() {
      return 0;
    }

    @Override
    public Optional<Instant> enqueuedTime() {
      return Optional.of(enqueued);
    }

    @Override
    public void complete() {
      settle("complete");
    }

    @Override
    public void deadLetter(String reason, String description) {
      settle("deadLetter " + reason + " " + description);
    }

    @Override
    public void abandon() {
      settle("abandon");
    }

    private void settle(String settlement) {
      if (lockLost) {
        throw new IllegalStateException("lock lost");
      }
      settlements.add(settlement);
    }
  }
}
