package dev.invitegate.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Writes an {@link InvitationEvent} as a CloudEvents 1.0 structured-mode JSON body: what a
 * publisher sends, one event per Service Bus message, with content type {@link #CONTENT_TYPE}.
 *
 * <p>The records already hold the contract's invariants; a few limits exist only in the written
 * form (a {@code time} must be an RFC 3339 date-time, so years 0000 to 9999). So every body is
 * parsed back with {@link InvitationEventParser} before it is handed out, and must give the same
 * event: what this writes, the worker accepts. Thread-safe and reusable.
 */
public final class InvitationEventWriter {

  /** The content type of a message carrying one event. */
  public static final String CONTENT_TYPE = "application/cloudevents+json";

  private static final String SPEC_VERSION = "1.0";
  private static final String DATA_CONTENT_TYPE = "application/json";

  private final InvitationEventParser parser = new InvitationEventParser();

  public InvitationEventWriter() {}

  /**
   * The event's body, UTF-8 JSON.
   *
   * @throws IllegalArgumentException with every violation, when the event cannot be written so that
   *     it parses back to itself (a {@code time} or {@code expiresAt} outside RFC 3339's years)
   */
  public byte[] write(InvitationEvent event) {
    Objects.requireNonNull(event, "event");
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(toJson(event));
    } catch (JsonProcessingException e) {
      // A tree of strings, numbers and booleans always serialises.
      throw new UncheckedIOException(e);
    }
    return switch (parser.parse(body)) {
      case ParseResult.Parsed parsed when parsed.event().equals(event) -> body;
      case ParseResult.Parsed parsed ->
          throw new IllegalStateException("a written event parses to another event");
      case ParseResult.Invalid invalid ->
          throw new IllegalArgumentException(
              "not a valid invitation event: " + invalid.description());
    };
  }

  private static ObjectNode toJson(InvitationEvent event) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("specversion", SPEC_VERSION);
    root.put("id", event.id());
    root.put("source", event.source());
    root.put("type", event.type());
    root.put("time", event.time().toString());
    root.put("datacontenttype", DATA_CONTENT_TYPE);
    ObjectNode data = root.putObject("data");
    data.put("email", event.email().value());
    event.applicationId().ifPresent(id -> data.put("applicationId", id));
    if (event instanceof InvitationGranted grant) {
      grant.expiresAt().ifPresent(expiresAt -> data.put("expiresAt", expiresAt.toString()));
      if (!grant.attributes().isEmpty()) {
        ObjectNode attributes = data.putObject("attributes");
        grant
            .attributes()
            .forEach((name, value) -> attributes.set(name, AttributeValues.toJson(value)));
      }
      if (!grant.lockedAttributes().isEmpty()) {
        ArrayNode locked = data.putArray("lockedAttributes");
        grant.lockedAttributes().forEach(locked::add);
      }
      if (!grant.roles().isEmpty()) {
        ArrayNode roles = data.putArray("roles");
        grant.roles().forEach(roles::add);
      }
    }
    return root;
  }
}
