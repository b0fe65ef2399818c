package dev.invitegate.worker.cli;

import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.Guid;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.InvitationEventWriter;
import dev.invitegate.contracts.InvitationGranted;
import dev.invitegate.worker.ServiceBusSettings;
import dev.invitegate.worker.servicebus.EventPublisher;
import dev.invitegate.worker.servicebus.ServiceBusClients;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the commands that publish events share: reading their arguments, reaching the queue. */
final class EventPublishing {

  private EventPublishing() {}

  /** The publisher for the configured queue; its settings are read now, the queue reached later. */
  static EventPublisher publisher(CliContext context) {
    ServiceBusSettings settings = Settings.serviceBus(context);
    try {
      return new EventPublisher(
          ServiceBusClients.builder(settings, () -> new DefaultAzureCredentialBuilder().build()),
          settings.queue(),
          InvitationEventWriter.CONTENT_TYPE);
    } catch (IllegalArgumentException e) {
      // The SDK reads the connection string when the client is built.
      throw new ConfigurationError(
          "INVITEGATE_SERVICEBUS_CONNECTION_STRING: not usable: " + e.getMessage());
    }
  }

  static String queue(CliContext context) {
    return Settings.serviceBus(context).queue();
  }

  /** The address an operator typed; a usage error naming what is wrong, never repeating it. */
  static EmailKey email(String typed) {
    return switch (EmailKey.parse(typed)) {
      case EmailKey.Result.Valid valid -> valid.key();
      case EmailKey.Result.Invalid invalid ->
          throw new ConfigurationError("EMAIL: not an email address (" + invalid.reason() + ")");
    };
  }

  /** {@code --application}: a GUID in any case, or absent for all applications. */
  static Optional<String> application(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    return Optional.of(
        Guid.parse(typed.strip())
            .orElseThrow(
                () ->
                    new ConfigurationError(
                        "--application: must be an application (client) ID, a GUID such as"
                            + " 6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917")));
  }

  /** A date-time option ({@code --expires-at}, {@code --time}). */
  static Instant time(String option, String typed) {
    return InvitationEventParser.parseTime(typed.strip())
        .orElseThrow(
            () ->
                new ConfigurationError(
                    option + ": not an RFC 3339 date-time with offset, e.g. 2026-01-31T09:30:00Z"));
  }

  /**
   * Sends one event and says what was sent: the event id first. A queue that is missing or refuses
   * the credentials is a configuration error (nothing was sent).
   */
  static void sendAndReport(CliContext context, InvitationEvent event, boolean json) {
    byte[] body;
    try {
      body = new InvitationEventWriter().write(event);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError(e.getMessage());
    }
    String queue = queue(context);
    try (EventPublisher publisher = publisher(context)) {
      publisher.send(event.id(), body);
    } catch (EventPublisher.PublishFailure e) {
      if (e.configuration()) {
        throw new ConfigurationError(e.getMessage());
      }
      throw e;
    }
    InviteCodes codes = InviteCodes.of(context);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("eventId", event.id());
    fields.put("type", event.type());
    fields.put("email", event.email().value());
    fields.put("applicationId", event.applicationId().orElse(null));
    fields.put("time", event.time().toString());
    if (event instanceof InvitationGranted grant) {
      fields.put("expiresAt", grant.expiresAt().map(Instant::toString).orElse(null));
      fields.put("roles", grant.roles());
      fields.put(
          "attributes", json ? codes.shown(grant.attributes()) : codes.line(grant.attributes()));
      fields.put("lockedAttributes", grant.lockedAttributes());
    }
    fields.put("queue", queue);
    if (json) {
      Output.json(context.out(), fields);
      return;
    }
    Map<String, Object> table = new LinkedHashMap<>();
    fields.forEach(
        (name, value) ->
            table.put(
                name,
                switch (value) {
                  case null -> name.equals("applicationId") ? "* (all applications)" : "never";
                  case List<?> list ->
                      list.isEmpty()
                          ? "none"
                          : String.join(", ", list.stream().map(String::valueOf).toList());
                  default -> value;
                }));
    Output.fields(context.out(), table);
  }
}
