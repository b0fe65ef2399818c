package dev.invitegate.worker.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.ParseResult;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dead-lettered body says, read today by the contract's parser: the verdict, and the event's
 * own fields that filters and lists use. A valid event gives them all; of an invalid one, whatever
 * its JSON still holds is read leniently ({@code id}, {@code type}, {@code data.email}), so that a
 * poison event can be found by its email or type too.
 *
 * @param verdict the parser's result: the event, or every violation with its path
 * @param id the CloudEvents {@code id}
 * @param cloudEventsType the CloudEvents {@code type} as published, also an unsupported one
 * @param emailText {@code data.email} as published; never printed unmasked in lists
 * @param email the normalised key of {@code emailText}, when it is an address
 * @param time the CloudEvents {@code time}, of a valid event
 */
public record DeadLetteredEvent(
    ParseResult verdict,
    Optional<String> id,
    Optional<String> cloudEventsType,
    Optional<String> emailText,
    Optional<EmailKey> email,
    Optional<Instant> time) {

  /** Plain and lenient: only for reading what a rejected body still says. */
  private static final ObjectMapper LENIENT = JsonMapper.builder().build();

  public DeadLetteredEvent {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cloudEventsType, "cloudEventsType");
    Objects.requireNonNull(emailText, "emailText");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(time, "time");
  }

  /** Reads {@code body} with {@code parser}. */
  public static DeadLetteredEvent read(byte[] body, InvitationEventParser parser) {
    ParseResult verdict = parser.parse(body);
    if (verdict instanceof ParseResult.Parsed parsed) {
      InvitationEvent event = parsed.event();
      return new DeadLetteredEvent(
          verdict,
          Optional.of(event.id()),
          Optional.of(event.type()),
          Optional.of(event.email().value()),
          Optional.of(event.email()),
          Optional.of(event.time()));
    }
    JsonNode root;
    try {
      root = LENIENT.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      return new DeadLetteredEvent(
          verdict,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
    Optional<String> emailText = text(root.path("data").get("email"));
    Optional<EmailKey> email =
        emailText.flatMap(
            raw ->
                EmailKey.parse(raw) instanceof EmailKey.Result.Valid valid
                    ? Optional.of(valid.key())
                    : Optional.empty());
    return new DeadLetteredEvent(
        verdict, text(root.get("id")), text(root.get("type")), emailText, email, Optional.empty());
  }

  private static Optional<String> text(JsonNode node) {
    return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
  }

  /** Whether the parser accepts the body today. */
  public boolean valid() {
    return verdict instanceof ParseResult.Parsed;
  }

  /** Granted or revoked, when the body names one of the two. */
  public Optional<EventType> type() {
    return cloudEventsType.flatMap(EventType::of);
  }

  /** The rejection code ({@code InvalidEvent}, ...) when the parser rejects the body today. */
  public Optional<String> rejection() {
    return verdict instanceof ParseResult.Invalid invalid
        ? Optional.of(invalid.code().code())
        : Optional.empty();
  }
}
