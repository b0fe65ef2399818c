package dev.invitegate.worker.cli;

import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.worker.ServiceBusSettings;
import dev.invitegate.worker.deadletter.Candidate;
import dev.invitegate.worker.deadletter.DeadLetterQueue;
import dev.invitegate.worker.deadletter.DeadLetterQueue.QueueFailure;
import dev.invitegate.worker.deadletter.DeadLetteredEvent;
import dev.invitegate.worker.deadletter.EventType;
import dev.invitegate.worker.deadletter.Outcome;
import dev.invitegate.worker.servicebus.ServiceBusDeadLetterQueue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** What the {@code dlq} commands share: reaching the queue, and how a message is shown in lists. */
final class DeadLetterCommands {

  /** Messages received, and copies sent, per round trip. */
  static final int BATCH = 100;

  /** How long a receive waits for a first message before a run concludes nothing more comes. */
  static final Duration RECEIVE_WAIT = Duration.ofSeconds(5);

  /**
   * How many messages a replay or purge may hold locked while it looks for its targets: memory and
   * lock renewals bound it; a selection deeper than that is reported as not reached.
   */
  static final int MAX_HELD = 50_000;

  static final InvitationEventParser PARSER = new InvitationEventParser();

  private static final int DESCRIPTION_WIDTH = 60;

  private DeadLetterCommands() {}

  /**
   * Runs {@code work} on the configured dead-letter queue. A missing queue and refused credentials
   * are configuration errors (exit 2); other failures of Service Bus end the command (exit 1).
   */
  static int withQueue(CliContext context, Function<DeadLetterQueue, Integer> work) {
    ServiceBusSettings settings = Settings.serviceBus(context);
    try (DeadLetterQueue queue = ServiceBusDeadLetterQueue.open(settings)) {
      return work.apply(queue);
    } catch (QueueFailure e) {
      if (e.kind() == QueueFailure.Kind.OTHER) {
        throw e;
      }
      throw new ConfigurationError(e.getMessage());
    }
  }

  /** The dead-letter queue's path, as Service Bus names it. */
  static String path(DeadLetterQueue queue) {
    return queue.queue() + "/$deadletterqueue";
  }

  static String eventId(Candidate candidate) {
    return candidate.event().id().orElse("");
  }

  /**
   * granted or revoked; an unsupported type by its last part and a "?", e.g. {@code suspended?}.
   */
  static String type(DeadLetteredEvent event) {
    if (event.type().isPresent()) {
      return event.type().get().label();
    }
    return event
        .cloudEventsType()
        .map(type -> type.substring(type.lastIndexOf('.') + 1) + "?")
        .orElse("");
  }

  static String maskedEmail(DeadLetteredEvent event) {
    return event.emailText().map(Masking::email).orElse("");
  }

  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String shortened(String text) {
    String line = text.replace('\n', ' ').replace('\r', ' ');
    return line.length() <= DESCRIPTION_WIDTH
        ? line
        : line.substring(0, DESCRIPTION_WIDTH - 3) + "...";
  }

  /** One message as lists show it; the email masked. */
  static Map<String, Object> listed(Candidate candidate) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("sequenceNumber", candidate.sequenceNumber());
    row.put("enqueuedTime", candidate.message().enqueuedTime().map(Instant::toString).orElse(null));
    row.put("reason", candidate.message().reason().orElse(null));
    row.put("description", candidate.message().description().orElse(null));
    row.put("deliveryCount", candidate.message().deliveryCount());
    row.put("replayCount", candidate.message().replayCount());
    row.put("messageId", candidate.message().messageId());
    row.put("eventId", candidate.event().id().orElse(null));
    row.put("type", candidate.event().type().map(EventType::label).orElse(null));
    row.put("cloudEventsType", candidate.event().cloudEventsType().orElse(null));
    row.put("email", maskedEmail(candidate.event()));
    row.put("valid", candidate.event().valid());
    return row;
  }

  /** What to add to an outcome's line, e.g. why it failed. */
  static String detail(Outcome outcome, long maxReplays) {
    return switch (outcome) {
      case Outcome.Replayed replayed -> "replay " + replayed.replayCount();
      case Outcome.Purged purged -> "";
      case Outcome.Skipped skipped ->
          "replayed "
              + skipped.replayCount()
              + (skipped.replayCount() == 1 ? " time" : " times")
              + " already (--max-replays "
              + maxReplays
              + "); --force replays it";
      case Outcome.SentStillDeadLettered sent ->
          "a copy is in the queue but it is still dead-lettered: " + sent.why();
      case Outcome.Failed failed -> failed.why();
      case Outcome.NotFound notFound -> notFound.why();
    };
  }

  /** One outcome as a readable line: {@code replayed #17 evt-1 replay 1}. */
  static String line(String word, long sequenceNumber, String eventId, String detail) {
    String line =
        String.format(
            Locale.ROOT,
            "%-13s #%-8d %-36s %s",
            word,
            sequenceNumber,
            eventId.isEmpty() ? "-" : eventId,
            detail);
    return line.stripTrailing();
  }
}
