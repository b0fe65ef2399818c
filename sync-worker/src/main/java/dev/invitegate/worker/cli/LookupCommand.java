package dev.invitegate.worker.cli;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationStatus;
import dev.invitegate.contracts.ScopeEntry;
import dev.invitegate.worker.allowlist.EntryState;
import dev.invitegate.worker.cosmos.CosmosInvitationLedger;
import dev.invitegate.worker.projection.LedgerFailure;
import dev.invitegate.worker.projection.Versioned;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lookup}: one point read of the stored document, and the decision the responder would take
 * on it now, by the same code ({@link InvitationDocument#decide}), with the reasons.
 */
@Command(
    name = "lookup",
    mixinStandardHelpOptions = true,
    description = {
      "Read the stored invitations of EMAIL and say what the responder would decide now for a"
          + " sign-up to --application (without it: only invitations for all applications"
          + " count), and why: which event decided, its time and id, expiry, roles,"
          + " attributes, locked attributes.",
      "An invitation code (attribute InviteCode, or the one INVITEGATE_INVITE_CODE_ATTRIBUTE"
          + " names) is never shown whole: its value is masked."
    },
    footer = {
      "",
      "Examples:",
      "  java -jar sync-worker.jar lookup alice@example.com",
      "  java -jar sync-worker.jar lookup bob@example.org \\",
      "      --application 6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917 --json",
      "",
      "Exit codes: 0 answered (invited or not), 1 the store did not answer, 2 usage or"
          + " configuration error."
    })
final class LookupCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin AddressOptions address;

  @Option(names = "--json", description = "Print the answer as one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = WorkerCommand.context(spec);
    EmailKey key = address.email();
    Optional<String> applicationId = address.applicationId();
    Optional<InvitationDocument> document;
    try (StoreConnection store = StoreConnection.open(context)) {
      document = new CosmosInvitationLedger(store.container()).read(key).map(Versioned::value);
    } catch (LedgerFailure e) {
      if (e.kind() == LedgerFailure.Kind.FATAL) {
        throw new ConfigurationError(e.getMessage());
      }
      throw e;
    }
    Instant now = context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    Answer answer = answer(key, applicationId, document, now, InviteCodes.of(context));
    if (json) {
      Output.prettyJson(context.out(), answer.json());
    } else {
      answer.print(context.out());
    }
    return ExitCodes.DONE;
  }

  /** What lookup prints, for a person and for a script. */
  record Answer(
      Map<String, Object> fields,
      Map<String, Object> json,
      List<List<String>> entries,
      List<String> notes) {

    /** The answer for a person: the fields, every entry of the document, the notes. */
    void print(PrintWriter out) {
      Output.fields(out, fields);
      if (!entries.isEmpty()) {
        out.println();
        Output.table(
            out, List.of("scope", "state now", "event", "time", "event id", "expires"), entries);
      }
      notes.forEach(out::println);
      out.flush();
    }
  }

  static Answer answer(
      EmailKey key,
      Optional<String> applicationId,
      Optional<InvitationDocument> stored,
      Instant now,
      InviteCodes codes) {
    InvitationDocument document = stored.orElseGet(() -> InvitationDocument.empty(key));
    InvitationStatus status =
        stored.isPresent()
            ? document.decide(applicationId.orElse(null), now)
            : InvitationStatus.noDocument();
    Optional<String> scope = document.decidingScope(applicationId.orElse(null));
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, Object> json = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    fields.put("email", key.value());
    fields.put(
        "application",
        applicationId.orElse("none given: only invitations for all applications count"));
    fields.put("decision", decision(status));
    json.put("email", key.value());
    json.put("applicationId", applicationId.orElse(null));
    json.put("at", now.toString());
    json.put("invited", status instanceof InvitationStatus.Invited);
    json.put(
        "reason",
        status instanceof InvitationStatus.NotInvited notInvited
            ? notInvited.reason().name().toLowerCase(Locale.ROOT)
            : null);
    json.put("stored", stored.isPresent());
    if (scope.isEmpty()) {
      fields.put(
          "why",
          stored.isEmpty()
              ? "nothing is stored for this address"
              : "no event for this application or for all applications");
      json.put("decidedBy", null);
    } else {
      ScopeEntry entry = document.scopes().get(scope.get());
      fields.put("why", why(scope.get(), document, applicationId));
      fields.put(
          "deciding event",
          (entry.granted() ? "grant" : "revoke")
              + ", id "
              + entry.eventId()
              + ", time "
              + entry.time());
      Map<String, Object> decidedBy = new LinkedHashMap<>();
      decidedBy.put("scope", scope.get());
      decidedBy.put("state", entry.granted() ? "granted" : "revoked");
      decidedBy.put("eventId", entry.eventId());
      decidedBy.put("time", entry.time().toString());
      if (entry.granted()) {
        fields.put("expires", expiry(entry, now));
        fields.put("roles", entry.roles().isEmpty() ? "none" : String.join(", ", entry.roles()));
        fields.put("attributes", codes.line(entry.attributes()));
        fields.put(
            "locked",
            entry.lockedAttributes().isEmpty()
                ? "none"
                : String.join(", ", entry.lockedAttributes()));
        decidedBy.put("expiresAt", entry.expiresAt().map(Instant::toString).orElse(null));
        decidedBy.put("roles", entry.roles());
        decidedBy.put("attributes", codes.shown(entry.attributes()));
        decidedBy.put("lockedAttributes", entry.lockedAttributes());
        List<String> masked = codes.masked(entry.attributes());
        decidedBy.put("masked", masked);
        if (!masked.isEmpty()) {
          notes.add(
              "Note: the value of "
                  + String.join(", ", masked)
                  + " (an invitation code) is masked; at submit the responder asks for the same"
                  + " code.");
        }
        if (!entry.lockedAttributes().isEmpty()) {
          notes.add(
              "Note: at submit the responder puts back the invited value of each locked"
                  + " attribute.");
        }
      }
      json.put("decidedBy", decidedBy);
    }
    fields.put("checked at", now + " (now)");
    List<List<String>> entries = new ArrayList<>();
    List<Map<String, Object>> entriesJson = new ArrayList<>();
    document
        .scopes()
        .forEach(
            (entryScope, entry) -> {
              String state = EntryState.of(key, entryScope, entry, now).label();
              String expires = entry.expiresAt().map(Instant::toString).orElse("");
              entries.add(
                  List.of(
                      entryScope,
                      state,
                      entry.granted() ? "grant" : "revoke",
                      entry.time().toString(),
                      entry.eventId(),
                      expires));
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("scope", entryScope);
              row.put("state", state);
              row.put("eventId", entry.eventId());
              row.put("time", entry.time().toString());
              row.put("expiresAt", entry.expiresAt().map(Instant::toString).orElse(null));
              entriesJson.add(row);
            });
    json.put("entries", entriesJson);
    return new Answer(fields, json, entries, notes);
  }

  private static String decision(InvitationStatus status) {
    return switch (status) {
      case InvitationStatus.Invited invited -> "invited";
      case InvitationStatus.NotInvited notInvited ->
          "not invited ("
              + switch (notInvited.reason()) {
                case NO_INVITATION -> "no invitation";
                case REVOKED -> "revoked";
                case EXPIRED -> "expired";
              }
              + ")";
    };
  }

  private static String why(
      String scope, InvitationDocument document, Optional<String> application) {
    boolean forAll = InvitationDocument.ALL_APPLICATIONS.equals(scope);
    String which = forAll ? "the entry for all applications" : "the entry for this application";
    if (application.isEmpty()) {
      return which + " (without an application only it counts)";
    }
    String other = forAll ? application.get() : InvitationDocument.ALL_APPLICATIONS;
    return document.scopes().containsKey(other)
        ? which + ", the newer of the two that count"
        : which + ", the only one that counts";
  }

  private static String expiry(ScopeEntry entry, Instant now) {
    if (entry.expiresAt().isEmpty()) {
      return "never";
    }
    Instant at = entry.expiresAt().get();
    Duration between = Duration.between(now, at);
    return at.isAfter(now)
        ? at + " (in " + humane(between) + ")"
        : at + " (expired " + humane(between.negated()) + " ago)";
  }

  private static String humane(Duration duration) {
    if (duration.toDays() >= 2) {
      return duration.toDays() + " days";
    }
    if (duration.toHours() >= 2) {
      return duration.toHours() + " hours";
    }
    return Math.max(duration.toMinutes(), 0) + " minutes";
  }
}
