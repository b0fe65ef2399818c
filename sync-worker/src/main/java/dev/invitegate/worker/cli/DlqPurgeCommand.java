package dev.invitegate.worker.cli;

import dev.invitegate.worker.deadletter.DeadLetterMover;
import dev.invitegate.worker.deadletter.DeadLetterScan;
import dev.invitegate.worker.deadletter.Plan;
import dev.invitegate.worker.deadletter.Selection;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlq purge}: deletes dead-lettered messages, only with {@code --yes}. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Delete the dead-lettered messages the filters select (all of them without filters),"
          + " printing each removed event id and the count.",
      "Without --yes it only says what it would delete. Deleted events are gone: replay what can"
          + " be fixed first."
    },
    footer = {
      "",
      "Examples:",
      "  java -jar sync-worker.jar dlq purge --reason MalformedJson",
      "  java -jar sync-worker.jar dlq purge --reason MalformedJson --yes",
      "  java -jar sync-worker.jar dlq purge --older-than 30d --yes",
      "",
      "Exit codes: 0 every selected message deleted (or only listed, without --yes), 1 some were"
          + " not (each is listed), 2 usage or configuration error."
    })
final class DlqPurgeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DeadLetterFilterOptions filters;

  @Option(
      names = "--older-than",
      paramLabel = "DURATION",
      converter = Conversions.DurationConverter.class,
      description = "Enqueued more than DURATION ago: 90s, 30m, 12h, 7d, or ISO-8601 (PT12H).")
  Duration olderThan;

  @Option(names = "--yes", description = "Delete; without it, only say what would be deleted.")
  boolean yes;

  @Option(
      names = "--json",
      description = "One JSON document per message and line, then {\"summary\":{...}}.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = WorkerCommand.context(spec);
    Selection selection = filters.selection();
    if (olderThan != null) {
      selection = selection.withUntil(context.clock().instant().minus(olderThan));
    }
    Selection chosen = selection;
    return DeadLetterCommands.withQueue(
        context,
        queue -> {
          Plan plan =
              new DeadLetterScan(queue, DeadLetterCommands.PARSER).plan(chosen, Long.MAX_VALUE);
          DeadLetterMoves moves =
              new DeadLetterMoves(context, queue, DeadLetterMover.Action.PURGE, json, 0);
          return yes
              ? moves.run(plan)
              : moves.preview(plan, "nothing was deleted: run again with --yes to delete these");
        });
  }
}
