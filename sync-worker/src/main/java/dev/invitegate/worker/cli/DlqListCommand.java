package dev.invitegate.worker.cli;

import dev.invitegate.worker.deadletter.Candidate;
import dev.invitegate.worker.deadletter.DeadLetterQueue;
import dev.invitegate.worker.deadletter.DeadLetterScan;
import dev.invitegate.worker.deadletter.Selection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlq list}: the dead-lettered messages, peeked, never locked or consumed. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List dead-lettered messages: sequence number, enqueued time, reason and description,"
          + " delivery and replay counts, event type and id, and the email masked (g***@example.org).",
      "Peeks only: never locks, moves or changes a message. Type and email are read from each"
          + " body by the contract's parser."
    },
    footer = {
      "",
      "Examples:",
      "  java -jar sync-worker.jar dlq list",
      "  java -jar sync-worker.jar dlq list --reason InvalidEvent --type granted",
      "  java -jar sync-worker.jar dlq list --email alice@example.com",
      "  java -jar sync-worker.jar dlq list --since 2026-03-01T00:00:00Z --max 20",
      "  java -jar sync-worker.jar dlq list --json --max 1000 > dead-letters.jsonl",
      "",
      "Exit codes: 0 listed, 1 Service Bus failed, 2 usage or configuration error."
    })
final class DlqListCommand implements Callable<Integer> {

  private static final List<String> HEADER =
      List.of(
          "SEQ",
          "ENQUEUED",
          "REASON",
          "DESCRIPTION",
          "DELIVERIES",
          "REPLAYS",
          "TYPE",
          "EVENT ID",
          "EMAIL");

  @Spec CommandSpec spec;

  @Mixin DeadLetterFilterOptions filters;

  @Option(
      names = "--json",
      description =
          "One JSON document per message and line (email masked), then {\"summary\":{...}}.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = WorkerCommand.context(spec);
    Selection selection = filters.selection();
    return DeadLetterCommands.withQueue(context, queue -> list(context, queue, selection));
  }

  private int list(CliContext context, DeadLetterQueue queue, Selection selection) {
    List<List<String>> rows = new ArrayList<>();
    Progress progress = Progress.start(context, "messages listed", OptionalLong.empty());
    DeadLetterScan.Result result;
    try {
      result =
          new DeadLetterScan(queue, DeadLetterCommands.PARSER)
              .forEach(
                  selection,
                  DeadLetterScan.all(
                      candidate -> {
                        if (json) {
                          progress.clear();
                          Output.json(context.out(), DeadLetterCommands.listed(candidate));
                        } else {
                          rows.add(row(candidate));
                        }
                        progress.advance(1);
                      }));
    } finally {
      progress.finish();
    }
    long listed = progress.done();
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("listed", listed);
      summary.put("peeked", result.peeked());
      Output.json(context.out(), Map.of("summary", summary));
      return ExitCodes.DONE;
    }
    if (!rows.isEmpty()) {
      Output.table(context.out(), HEADER, rows);
    }
    context
        .out()
        .println(
            listed
                + " listed of "
                + result.peeked()
                + " dead-lettered messages peeked in "
                + DeadLetterCommands.path(queue)
                + (selection.max().isPresent() && listed == selection.max().getAsInt()
                    ? " (stopped at --max " + listed + ")"
                    : ""));
    context.out().flush();
    return ExitCodes.DONE;
  }

  private static List<String> row(Candidate candidate) {
    return List.of(
        Long.toString(candidate.sequenceNumber()),
        candidate.message().enqueuedTime().map(DeadLetterCommands::time).orElse(""),
        candidate.message().reason().orElse(""),
        DeadLetterCommands.shortened(candidate.message().description().orElse("")),
        Long.toString(candidate.message().deliveryCount()),
        Long.toString(candidate.message().replayCount()),
        DeadLetterCommands.type(candidate.event()),
        DeadLetterCommands.eventId(candidate),
        DeadLetterCommands.maskedEmail(candidate.event()));
  }
}
