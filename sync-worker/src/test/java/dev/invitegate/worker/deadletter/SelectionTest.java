package dev.invitegate.worker.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.samples.GoldenSamples;
import dev.invitegate.worker.projection.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionTest {

  private static final InvitationEventParser PARSER = new InvitationEventParser();
  private static final Instant ENQUEUED = Instant.parse("2026-03-01T10:00:00Z");

  private static DeadLetter message(long sequenceNumber, String reason, byte[] body) {
    return new DeadLetter(
        sequenceNumber,
        "m",
        Optional.of(ENQUEUED),
        0,
        Optional.of(reason),
        Optional.empty(),
        Map.of(),
        Map.of(),
        body);
  }

  private static boolean matches(Selection selection, DeadLetter message) {
    return selection.matches(message, DeadLetteredEvent.read(message.body(), PARSER));
  }

  private static byte[] sample(String path) {
    return GoldenSamples.read(path).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void matchesTheEventsOwnTypeAndEmail_readFromTheBody() {
    DeadLetter revoked =
        message(
            1,
            "MaxDeliveryCountExceeded",
            Events.revoked("e1", " Alice@Example.ORG ", Optional.empty(), ENQUEUED));

    assertThat(matches(Selection.all().withType(EventType.REVOKED), revoked)).isTrue();
    assertThat(matches(Selection.all().withType(EventType.GRANTED), revoked)).isFalse();
    assertThat(matches(Selection.all().withEmail(EmailKey.of("alice@example.org")), revoked))
        .isTrue();
    assertThat(matches(Selection.all().withEmail(EmailKey.of("bob@example.org")), revoked))
        .isFalse();
  }

  @Test
  void matchesAPoisonEventByWhatItsJsonStillSays_whenTheParserRejectsIt() {
    // Invalid: its applicationId is no GUID; its type and email are still readable.
    DeadLetter poison =
        message(
            1,
            "InvalidEvent",
            "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/crm\",\"type\":\"dev.invitegate.invitation.granted\",\"time\":\"2026-03-01T10:00:00Z\",\"data\":{\"email\":\"alice@example.org\",\"applicationId\":\"my-app\"}}"
                .getBytes(StandardCharsets.UTF_8));

    DeadLetteredEvent event = DeadLetteredEvent.read(poison.body(), PARSER);
    assertThat(event.valid()).isFalse();
    assertThat(event.rejection()).contains("InvalidEvent");
    assertThat(event.id()).contains("e1");
    assertThat(matches(Selection.all().withType(EventType.GRANTED), poison)).isTrue();
    assertThat(matches(Selection.all().withEmail(EmailKey.of("ALICE@example.org")), poison))
        .isTrue();
  }

  @Test
  void matchesNoTypeOrEmail_whenTheBodyIsNotJson() {
    DeadLetter malformed =
        message(1, "MalformedJson", sample("events/invalid/malformed-json.json"));

    DeadLetteredEvent event = DeadLetteredEvent.read(malformed.body(), PARSER);
    assertThat(event.rejection()).contains("MalformedJson");
    assertThat(event.id()).isEmpty();
    assertThat(matches(Selection.all(), malformed)).isTrue();
    assertThat(matches(Selection.all().withType(EventType.GRANTED), malformed)).isFalse();
  }

  @Test
  void keepsAnUnsupportedTypeAsPublished_butMatchesNeitherKind() {
    DeadLetter unsupported =
        message(1, "UnsupportedType", sample("events/invalid/unsupported-type.json"));

    DeadLetteredEvent event = DeadLetteredEvent.read(unsupported.body(), PARSER);
    assertThat(event.cloudEventsType()).contains("dev.invitegate.invitation.suspended");
    assertThat(event.type()).isEmpty();
    assertThat(matches(Selection.all().withType(EventType.REVOKED), unsupported)).isFalse();
  }

  @Test
  void matchesTheReasonInAnyLetterCase_andTheEnqueuedTimeWithinSinceInclusiveUntilExclusive() {
    DeadLetter message = message(7, "InvalidEvent", sample("events/invalid/bad-email.json"));

    assertThat(matches(Selection.all().withReason("invalidevent"), message)).isTrue();
    assertThat(matches(Selection.all().withReason("MalformedJson"), message)).isFalse();
    assertThat(matches(Selection.all().withSince(ENQUEUED), message)).isTrue();
    assertThat(matches(Selection.all().withSince(ENQUEUED.plusMillis(1)), message)).isFalse();
    assertThat(matches(Selection.all().withUntil(ENQUEUED), message)).isFalse();
    assertThat(matches(Selection.all().withUntil(ENQUEUED.plusMillis(1)), message)).isTrue();
    assertThat(matches(Selection.all().withSequenceNumbers(Set.of(7L, 9L)), message)).isTrue();
    assertThat(matches(Selection.all().withSequenceNumbers(Set.of(8L)), message)).isFalse();
  }

  @Test
  void keepsTheEarlierBound_whenUntilIsGivenTwice() {
    Instant early = ENQUEUED.minusSeconds(60);

    assertThat(Selection.all().withUntil(early).withUntil(ENQUEUED).until()).contains(early);
    assertThat(Selection.all().withUntil(ENQUEUED).withUntil(early).until()).contains(early);
  }
}
