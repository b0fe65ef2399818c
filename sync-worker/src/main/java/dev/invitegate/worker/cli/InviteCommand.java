package dev.invitegate.worker.cli;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationGranted;
import dev.invitegate.worker.allowlist.AttributeAssignment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code invite}: publish one grant, built and checked by the contract like any publisher's. */
@Command(
    name = "invite",
    mixinStandardHelpOptions = true,
    description = {
      "Publish an invitation (a dev.invitegate.invitation.granted event) for EMAIL to the queue;"
          + " the worker projects it. Prints the event id.",
      "The event is dated now; it replaces what the store holds for the same application (or for"
          + " all applications) if that is older."
    },
    footer = {
      "",
      "Attribute types (Entra's): a value is a string unless its type is written out:",
      "  --attribute displayName='Alice Example'   string",
      "  --attribute CohortYear:int64=2025          int64 (CohortYear=2025 would be the string"
          + " \"2025\")",
      "  --attribute IsAlumnus:boolean=true         boolean",
      "",
      "Examples:",
      "  java -jar sync-worker.jar invite alice@example.com",
      "  java -jar sync-worker.jar invite bob@example.org \\",
      "      --application 6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917 \\",
      "      --expires-in 30d --role beta \\",
      "      --attribute displayName='Bob Jones' --lock displayName",
      "",
      "Exit codes: 0 sent, 1 sending failed, 2 usage or configuration error (nothing sent)."
    })
final class InviteCommand implements Callable<Integer> {

  static final String SOURCE = "/invitegate/sync-worker/invite";

  @Spec CommandSpec spec;

  @Mixin AddressOptions address;

  @ArgGroup(exclusive = true)
  Expiry expiry;

  static final class Expiry {
    @Option(
        names = "--expires-at",
        paramLabel = "T",
        required = true,
        description = "When the invitation stops admitting a sign-up, e.g. 2026-06-30T23:59:59Z.")
    String at;

    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        required = true,
        converter = Conversions.DurationConverter.class,
        description = "The same, from now: 30d, 12h, 2w, 90m, or ISO 8601 (P30D, PT12H).")
    Duration in;
  }

  @Option(
      names = "--attribute",
      paramLabel = "NAME[:TYPE]=VALUE",
      description = "An attribute prefilled at sign-up; TYPE string (default), int64 or boolean.")
  List<String> attributes = new ArrayList<>();

  @Option(
      names = "--lock",
      paramLabel = "NAME",
      description = "Enforce this attribute's invited value at submit (it must be given).")
  List<String> locked = new ArrayList<>();

  @Option(names = "--role", paramLabel = "ROLE", description = "An application role to carry.")
  List<String> roles = new ArrayList<>();

  @Option(names = "--json", description = "Print what was sent as one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = WorkerCommand.context(spec);
    EmailKey key = address.email();
    Optional<String> applicationId = address.applicationId();
    // Milliseconds are plenty to order an operator's events, and read better.
    Instant now = context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    Optional<Instant> expiresAt = expiresAt(now);
    Map<String, Object> values = new LinkedHashMap<>();
    for (String text : attributes) {
      AttributeAssignment assignment;
      try {
        assignment = AttributeAssignment.parse(text);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationError("--attribute: " + e.getMessage());
      }
      if (values.put(assignment.name(), assignment.value()) != null) {
        throw new ConfigurationError("--attribute: " + assignment.name() + " given twice");
      }
      if (assignment.mightBeMeantTyped()) {
        context
            .err()
            .printf(
                "invite: note: %s is sent as the string \"%s\"; write %s:int64=... or"
                    + " %s:boolean=... for another type%n",
                assignment.name(), assignment.value(), assignment.name(), assignment.name());
      }
    }
    InvitationGranted grant;
    try {
      grant =
          new InvitationGranted(
              "cli-" + UUID.randomUUID(),
              SOURCE,
              now,
              key,
              applicationId,
              expiresAt,
              values,
              locked,
              roles.stream().map(String::strip).toList());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError(e.getMessage());
    }
    EventPublishing.sendAndReport(context, grant, json);
    return ExitCodes.DONE;
  }

  private Optional<Instant> expiresAt(Instant now) {
    if (expiry == null) {
      return Optional.empty();
    }
    Instant at =
        expiry.at != null ? EventPublishing.time("--expires-at", expiry.at) : now.plus(expiry.in);
    if (!at.isAfter(now)) {
      throw new ConfigurationError("--expires-at: " + at + " is not in the future");
    }
    return Optional.of(at);
  }
}
