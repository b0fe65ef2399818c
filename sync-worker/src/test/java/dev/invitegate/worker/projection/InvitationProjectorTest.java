package dev.invitegate.worker.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.ParseResult;
import dev.invitegate.contracts.Projection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvitationProjectorTest {

  private static final String APP = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";
  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-01T11:00:00Z");
  private static final EmailKey ALICE = EmailKey.of("alice@example.com");

  private final InMemoryInvitationLedger ledger = new InMemoryInvitationLedger();
  private final InvitationProjector projector =
      new InvitationProjector(ledger, new InvitationEventParser());

  @Test
  void createsDocument_whenFirstEventForEmail() {
    ProjectionOutcome outcome =
        projector.project(Events.granted("e1", " Alice@Example.com", Optional.empty(), T1));

    assertThat(outcome).isInstanceOf(ProjectionOutcome.Applied.class);
    assertThat(ledger.stored(ALICE).orElseThrow().scopes().get("*").eventId()).isEqualTo("e1");
  }

  @Test
  void skipsEvent_whenOlderThanStoredState() {
    projector.project(Events.revoked("e2", "alice@example.com", Optional.of(APP), T2));

    ProjectionOutcome outcome =
        projector.project(Events.granted("e1", "alice@example.com", Optional.of(APP), T1));

    assertThat(outcome).isInstanceOf(ProjectionOutcome.Stale.class);
    assertThat(ledger.stored(ALICE).orElseThrow().scopes().get(APP).granted()).isFalse();
  }

  @Test
  void reportsStale_whenSameEventIsDeliveredTwice() {
    byte[] event = Events.granted("e1", "alice@example.com", Optional.empty(), T1);
    projector.project(event);

    assertThat(projector.project(event)).isInstanceOf(ProjectionOutcome.Stale.class);
  }

  @Test
  void rereadsAndKeepsBothUpdates_whenAnotherWriterReplacedTheDocumentFirst() {
    projector.project(Events.granted("e1", "alice@example.com", Optional.empty(), T1));
    InvitationDocument concurrent =
        project(
            ledger.stored(ALICE).orElseThrow(),
            Events.revoked("e9", "alice@example.com", Optional.of(APP), T2));
    ledger.beforeNextWrite(() -> ledger.writeBehindTheProjectorsBack(concurrent));

    ProjectionOutcome outcome =
        projector.project(Events.granted("e2", "alice@example.com", Optional.empty(), T2));

    assertThat(outcome).isInstanceOf(ProjectionOutcome.Applied.class);
    InvitationDocument stored = ledger.stored(ALICE).orElseThrow();
    assertThat(stored.scopes().get("*").eventId()).isEqualTo("e2");
    assertThat(stored.scopes().get(APP).eventId()).isEqualTo("e9");
  }

  @Test
  void rereadsAndReplaces_whenAnotherWriterCreatedTheDocumentFirst() {
    InvitationDocument concurrent =
        project(
            InvitationDocument.empty(ALICE),
            Events.revoked("e9", "alice@example.com", Optional.of(APP), T1));
    ledger.beforeNextWrite(() -> ledger.writeBehindTheProjectorsBack(concurrent));

    ProjectionOutcome outcome =
        projector.project(Events.granted("e1", "alice@example.com", Optional.empty(), T1));

    assertThat(outcome).isInstanceOf(ProjectionOutcome.Applied.class);
    assertThat(ledger.stored(ALICE).orElseThrow().scopes()).containsKeys("*", APP);
  }

  @Test
  void decidesStale_whenConcurrentWriterStoredANewerEventForTheScope() {
    projector.project(Events.granted("e1", "alice@example.com", Optional.empty(), T1));
    InvitationDocument newer =
        project(
            ledger.stored(ALICE).orElseThrow(),
            Events.revoked("e3", "alice@example.com", Optional.empty(), T2.plusSeconds(60)));
    ledger.beforeNextWrite(() -> ledger.writeBehindTheProjectorsBack(newer));

    ProjectionOutcome outcome =
        projector.project(Events.granted("e2", "alice@example.com", Optional.empty(), T2));

    assertThat(outcome).isInstanceOf(ProjectionOutcome.Stale.class);
    assertThat(ledger.stored(ALICE).orElseThrow().scopes().get("*").eventId()).isEqualTo("e3");
  }

  @Test
  void givesUpAsTransient_whenEveryWriteLosesTheRace() {
    InvitationLedger alwaysConflicting =
        new InvitationLedger() {
          @Override
          public Optional<Versioned<InvitationDocument>> read(EmailKey key) {
            return Optional.empty();
          }

          @Override
          public WriteResult create(InvitationDocument document) {
            return new WriteResult.Conflict();
          }

          @Override
          public WriteResult replaceIf(InvitationDocument document, String etag) {
            return new WriteResult.Conflict();
          }
        };
    InvitationProjector giving =
        new InvitationProjector(alwaysConflicting, new InvitationEventParser(), 3);

    ProjectionOutcome outcome =
        giving.project(Events.granted("e1", "alice@example.com", Optional.empty(), T1));

    assertThat(outcome).isInstanceOf(ProjectionOutcome.Transient.class);
  }

  @Test
  void rejectsWithCodeAndDescription_whenEmailIsInvalid() {
    ProjectionOutcome outcome =
        projector.project(Events.granted("e1", "not-an-address", Optional.empty(), T1));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProjectionOutcome.Poison.class,
            rejected -> {
              assertThat(rejected.code()).isEqualTo("InvalidEvent");
              assertThat(rejected.description()).contains("data.email");
            });
  }

  @Test
  void rejectsAsMalformedJson_whenBodyIsNotJson() {
    ProjectionOutcome outcome = projector.project("{not json".getBytes(StandardCharsets.UTF_8));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProjectionOutcome.Poison.class,
            rejected -> assertThat(rejected.code()).isEqualTo("MalformedJson"));
  }

  @Test
  void rejectsAsUnsupportedType_whenTypeIsUnknown() {
    String body =
        new String(Events.granted("e1", "a@b.c", Optional.empty(), T1), StandardCharsets.UTF_8)
            .replace("invitation.granted", "invitation.paused");

    ProjectionOutcome outcome = projector.project(body.getBytes(StandardCharsets.UTF_8));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProjectionOutcome.Poison.class,
            rejected -> assertThat(rejected.code()).isEqualTo("UnsupportedType"));
  }

  @Test
  void reportsTransient_whenLedgerIsThrottling() {
    ledger.failNext(new LedgerFailure(LedgerFailure.Kind.TRANSIENT, "429 throttled", null));

    ProjectionOutcome outcome =
        projector.project(Events.granted("e1", "alice@example.com", Optional.empty(), T1));

    assertThat(outcome).isInstanceOf(ProjectionOutcome.Transient.class);
    assertThat(ledger.stored(ALICE)).isEmpty();
  }

  @Test
  void reportsTransient_whenLedgerFailsUnexpectedly() {
    ledger.beforeNextWrite(
        () -> {
          throw new IllegalStateException("boom");
        });

    ProjectionOutcome outcome =
        projector.project(Events.granted("e1", "alice@example.com", Optional.empty(), T1));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProjectionOutcome.Transient.class,
            failure -> assertThat(failure.reason()).contains("boom"));
  }

  @Test
  void reportsFatal_whenLedgerRejectsCredentials() {
    ledger.failNext(new LedgerFailure(LedgerFailure.Kind.FATAL, "401 unauthorized", null));

    ProjectionOutcome outcome =
        projector.project(Events.granted("e1", "alice@example.com", Optional.empty(), T1));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProjectionOutcome.Fatal.class, fatal -> assertThat(fatal.reason()).contains("401"));
  }

  private static InvitationDocument project(InvitationDocument document, byte[] event) {
    var parsed = (ParseResult.Parsed) new InvitationEventParser().parse(event);
    return ((Projection.Applied) document.project(parsed.event())).document();
  }
}
