package dev.invitegate.worker.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplaysTest {

  private static DeadLetter message(long sequenceNumber, Map<String, Object> properties) {
    Map<String, Object> application = new HashMap<>(properties);
    application.put(DeadLetter.REASON_PROPERTY, "InvalidEvent");
    application.put(DeadLetter.DESCRIPTION_PROPERTY, "data.email: required");
    return new DeadLetter(
        sequenceNumber,
        "original-id",
        Optional.of(Instant.EPOCH),
        0,
        Optional.of("InvalidEvent"),
        Optional.of("data.email: required"),
        Map.of(),
        application,
        new byte[0]);
  }

  @Test
  void keepsThePublishersPropertiesDropsTheDeadLetterOnesAndAddsTheReplays() {
    Map<String, Object> properties =
        Replays.applicationProperties(message(17, Map.of("tenant", "contoso", "priority", 2)));

    assertThat(properties)
        .containsEntry("tenant", "contoso")
        .containsEntry("priority", 2)
        .containsEntry(Replays.REPLAY_COUNT, 1L)
        .containsEntry(Replays.ORIGINAL_SEQUENCE_NUMBER, 17L)
        .containsEntry(Replays.ORIGINAL_DEAD_LETTER_REASON, "InvalidEvent")
        .doesNotContainKeys(DeadLetter.REASON_PROPERTY, DeadLetter.DESCRIPTION_PROPERTY);
  }

  @Test
  void countsOnFromAnEarlierReplay_whateverTypeTheCountWasReadBackAs() {
    assertThat(message(1, Map.of(Replays.REPLAY_COUNT, 2)).replayCount()).isEqualTo(2);
    assertThat(message(1, Map.of(Replays.REPLAY_COUNT, 2L)).replayCount()).isEqualTo(2);
    assertThat(message(1, Map.of(Replays.REPLAY_COUNT, " 2 ")).replayCount()).isEqualTo(2);
    assertThat(message(1, Map.of(Replays.REPLAY_COUNT, "many")).replayCount()).isZero();
    assertThat(
            Replays.applicationProperties(message(1, Map.of(Replays.REPLAY_COUNT, 2)))
                .get(Replays.REPLAY_COUNT))
        .isEqualTo(3L);
  }

  @Test
  void givesTheCopyANewMessageId_theSameForEveryAttemptAtTheSameDeadLetter() {
    DeadLetter first = message(17, Map.of());

    String id = Replays.messageId("events", first);

    assertThat(id).isNotEqualTo(first.messageId());
    assertThat(Replays.messageId("events", message(17, Map.of()))).isEqualTo(id);
    assertThat(Replays.messageId("events", message(18, Map.of()))).isNotEqualTo(id);
    assertThat(Replays.messageId("events", message(17, Map.of(Replays.REPLAY_COUNT, 1))))
        .as("the copy of a copy that was dead-lettered again")
        .isNotEqualTo(id);
  }
}
