package dev.invitegate.worker.projection;

import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.ParseResult;
import dev.invitegate.contracts.Projection;
import java.util.Objects;

/**
 * Parses one message body and projects it into the ledger: read, apply the contract's rules, write
 * conditionally, and on a lost race read again and decide again. Safe to call concurrently.
 */
public final class InvitationProjector {

  /** Lost races in a row before giving the message back to the queue. */
  static final int DEFAULT_MAX_CONFLICTS = 16;

  private final InvitationLedger ledger;
  private final InvitationEventParser parser;
  private final int maxConflicts;

  public InvitationProjector(InvitationLedger ledger, InvitationEventParser parser) {
    this(ledger, parser, DEFAULT_MAX_CONFLICTS);
  }

  InvitationProjector(InvitationLedger ledger, InvitationEventParser parser, int maxConflicts) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.parser = Objects.requireNonNull(parser, "parser");
    if (maxConflicts < 1) {
      throw new IllegalArgumentException("maxConflicts must be at least 1");
    }
    this.maxConflicts = maxConflicts;
  }

  public ProjectionOutcome project(byte[] body) {
    return switch (parser.parse(body)) {
      case ParseResult.Invalid invalid ->
          new ProjectionOutcome.Poison(invalid.code().code(), invalid.description());
      case ParseResult.Parsed parsed -> project(parsed.event());
    };
  }

  public ProjectionOutcome project(InvitationEvent event) {
    try {
      for (int attempt = 0; attempt < maxConflicts; attempt++) {
        var stored = ledger.read(event.email());
        InvitationDocument current =
            stored.map(Versioned::value).orElseGet(() -> InvitationDocument.empty(event.email()));
        switch (current.project(event)) {
          case Projection.Stale stale -> {
            return new ProjectionOutcome.Stale(event);
          }
          case Projection.Applied applied -> {
            WriteResult written =
                stored.isPresent()
                    ? ledger.replaceIf(applied.document(), stored.get().etag())
                    : ledger.create(applied.document());
            if (written instanceof WriteResult.Written) {
              return new ProjectionOutcome.Applied(event);
            }
          }
        }
      }
      return new ProjectionOutcome.Transient(
          event, "lost " + maxConflicts + " write races in a row on the same document", null);
    } catch (LedgerFailure failure) {
      return switch (failure.kind()) {
        case TRANSIENT -> new ProjectionOutcome.Transient(event, failure.getMessage(), failure);
        case FATAL -> new ProjectionOutcome.Fatal(failure.getMessage(), failure);
      };
    } catch (RuntimeException bug) {
      // Not the event's fault as far as we know: retry, and let the max delivery count park it.
      return new ProjectionOutcome.Transient(event, "unexpected error: " + bug, bug);
    }
  }
}
