package dev.invitegate.worker.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How a replayed copy differs from the dead-lettered message it is made of: the dead-letter
 * properties are dropped, the replay's own are added, and it gets a message id of its own.
 */
public final class Replays {

  /** Application property: how many times this event was replayed from the dead-letter queue. */
  public static final String REPLAY_COUNT = "ReplayCount";

  /** Application property: the sequence number of the dead-lettered message it was copied from. */
  public static final String ORIGINAL_SEQUENCE_NUMBER = "OriginalSequenceNumber";

  /** Application property: why that message had been dead-lettered. */
  public static final String ORIGINAL_DEAD_LETTER_REASON = "OriginalDeadLetterReason";

  private static final Set<String> DROPPED =
      Set.of(DeadLetter.REASON_PROPERTY, DeadLetter.DESCRIPTION_PROPERTY);

  private Replays() {}

  /**
   * The application properties of the copy of {@code message}: its own without the dead-letter
   * ones, plus the replay count (one more than before), the original sequence number and, when it
   * had one, the original dead-letter reason.
   */
  public static Map<String, Object> applicationProperties(DeadLetter message) {
    Map<String, Object> properties = new LinkedHashMap<>();
    message
        .applicationProperties()
        .forEach(
            (name, value) -> {
              if (!DROPPED.contains(name)) {
                properties.put(name, value);
              }
            });
    properties.put(REPLAY_COUNT, message.replayCount() + 1);
    properties.put(ORIGINAL_SEQUENCE_NUMBER, message.sequenceNumber());
    properties.remove(ORIGINAL_DEAD_LETTER_REASON);
    message.reason().ifPresent(reason -> properties.put(ORIGINAL_DEAD_LETTER_REASON, reason));
    return properties;
  }

  /**
   * The copy's message id: new, so that duplicate detection on the queue cannot take the copy for
   * the message first published; and the same for every attempt to replay the same dead-lettered
   * message, so that where duplicate detection is on, a copy sent again after an interrupted run is
   * dropped as the duplicate it is.
   */
  public static String messageId(String queue, DeadLetter message) {
    String name =
        "invitegate-replay\n"
            + queue
            + "\n"
            + message.sequenceNumber()
            + "\n"
            + message.messageId()
            + "\n"
            + message.replayCount();
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The replay count in {@code properties}: a number, or digits; 0 when absent or unreadable. */
  static long replayCount(Map<String, Object> properties) {
    Object value = properties.get(REPLAY_COUNT);
    if (value instanceof Number number) {
      return Math.max(0, number.longValue());
    }
    if (value instanceof String text) {
      try {
        return Math.max(0, Long.parseLong(text.strip()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }
}
