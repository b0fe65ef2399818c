package dev.invitegate.worker.cli;

import dev.invitegate.worker.deadletter.DeadLetterMover;
import dev.invitegate.worker.deadletter.DeadLetterScan;
import dev.invitegate.worker.deadletter.Plan;
import dev.invitegate.worker.deadletter.Selection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlq replay}: moves dead-lettered messages back to the queue without losing one. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Move dead-lettered messages back to the queue: send a copy (body, content type and"
          + " application properties kept; the dead-letter properties dropped; a new message id;"
          + " ReplayCount, OriginalSequenceNumber and OriginalDeadLetterReason added), then remove"
          + " the dead-lettered message, only once the copy was accepted.",
      "Stopped at any point (Ctrl-C, kill, lost connection), nothing is lost: a message not yet"
          + " removed stays dead-lettered (locked for the queue's lock duration) and the next run"
          + " replays it; at worst an event is sent twice, which projection ignores.",
      "Messages already replayed --max-replays times are skipped and reported, unless --force.",
      "Messages are chosen by peeking first; messages received on the way that were not chosen"
          + " are held and given back at the end (their delivery count goes up by one)."
    },
    footer = {
      "",
      "Examples:",
      "  java -jar sync-worker.jar dlq replay --all --dry-run",
      "  java -jar sync-worker.jar dlq replay --all --reason MaxDeliveryCountExceeded",
      "  java -jar sync-worker.jar dlq replay 17 18 42",
      "  java -jar sync-worker.jar dlq replay --all --email alice@example.com --force",
      "",
      "Exit codes: 0 every selected message replayed (or a dry run), 1 some were not (skipped,"
          + " not found, failed: each is listed, the summary counts them), 2 usage or"
          + " configuration error."
    })
final class DlqReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Targets targets;

  @Mixin DeadLetterFilterOptions filters;

  @Option(names = "--dry-run", description = "Say what would be replayed; move nothing.")
  boolean dryRun;

  private int maxReplays;

  @Option(names = "--force", description = "Replay also messages replayed --max-replays times.")
  boolean force;

  @Option(
      names = "--json",
      description = "One JSON document per message and line, then {\"summary\":{...}}.")
  boolean json;

  /** Which messages: every one the filters select, or these. */
  static final class Targets {
    @Option(
        names = "--all",
        required = true,
        description = "Every dead-lettered message the filters select.")
    boolean all;

    @Parameters(
        paramLabel = "SEQUENCE",
        arity = "1..*",
        description = "Sequence numbers, as dlq list shows them (filters still apply).")
    List<Long> sequenceNumbers;
  }

  @Option(
      names = "--max-replays",
      paramLabel = "N",
      defaultValue = "3",
      description = "Skip messages replayed N times already (default: ${DEFAULT-VALUE}).")
  void maxReplays(int value) {
    if (value < 1) {
      throw new ParameterException(spec.commandLine(), "--max-replays must be at least 1");
    }
    this.maxReplays = value;
  }

  @Override
  public Integer call() {
    CliContext context = WorkerCommand.context(spec);
    Selection selection = filters.selection();
    if (targets.sequenceNumbers != null) {
      selection = selection.withSequenceNumbers(Set.copyOf(targets.sequenceNumbers));
    }
    Selection chosen = selection;
    long limit = force ? Long.MAX_VALUE : maxReplays;
    return DeadLetterCommands.withQueue(
        context,
        queue -> {
          Plan plan = new DeadLetterScan(queue, DeadLetterCommands.PARSER).plan(chosen, limit);
          DeadLetterMoves moves =
              new DeadLetterMoves(context, queue, DeadLetterMover.Action.REPLAY, json, maxReplays);
          return dryRun ? moves.preview(plan, "dry run: nothing was moved") : moves.run(plan);
        });
  }
}
