package dev.invitegate.worker.cli;

import dev.invitegate.worker.deadletter.Candidate;
import dev.invitegate.worker.deadletter.DeadLetterMover;
import dev.invitegate.worker.deadletter.DeadLetterQueue;
import dev.invitegate.worker.deadletter.Outcome;
import dev.invitegate.worker.deadletter.Plan;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A replay or purge as the commands run it: the plan printed (dry run, or purge without {@code
 * --yes}), or carried out with one line per message as it happens, progress on a terminal, and a
 * summary of counts at the end.
 */
final class DeadLetterMoves {

  private final CliContext context;
  private final DeadLetterQueue queue;
  private final DeadLetterMover.Action action;
  private final boolean json;
  private final long maxReplays;
  private final Map<String, Long> counts = new LinkedHashMap<>();

  DeadLetterMoves(
      CliContext context,
      DeadLetterQueue queue,
      DeadLetterMover.Action action,
      boolean json,
      long maxReplays) {
    this.context = context;
    this.queue = queue;
    this.action = action;
    this.json = json;
    this.maxReplays = maxReplays;
  }

  /** Says what would move and moves nothing; exit 0. */
  int preview(Plan plan, String nothingMovedNote) {
    String would = action == DeadLetterMover.Action.REPLAY ? "wouldReplay" : "wouldDelete";
    for (Candidate target : plan.targets()) {
      String detail = action == DeadLetterMover.Action.REPLAY ? replayDetail(target) : "";
      print(target, would, detail);
    }
    for (Candidate skipped : plan.skipped()) {
      Outcome outcome = new Outcome.Skipped(skipped.message().replayCount());
      print(skipped, "wouldSkip", DeadLetterCommands.detail(outcome, maxReplays));
    }
    printMissing(plan);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("selected", plan.targets().size() + plan.skipped().size());
    summary.put(would, plan.targets().size());
    summary.put("skipped", plan.skipped().size());
    summary.put("notFound", plan.missing().size());
    summary.put("moved", 0);
    summarise(summary, nothingMovedNote);
    return ExitCodes.DONE;
  }

  /** Carries the plan out; exit 0 when every selected message moved, else 1. */
  int run(Plan plan) {
    Progress progress =
        Progress.start(
            context,
            action == DeadLetterMover.Action.REPLAY ? "messages replayed" : "messages deleted",
            OptionalLong.of(plan.targets().size()));
    DeadLetterMover mover =
        new DeadLetterMover(
            queue,
            DeadLetterCommands.BATCH,
            DeadLetterCommands.RECEIVE_WAIT,
            DeadLetterCommands.MAX_HELD);
    DeadLetterMover.Result result;
    try {
      result =
          mover.move(
              plan,
              action,
              (candidate, outcome) -> {
                progress.clear();
                count(code(outcome));
                print(candidate, code(outcome), DeadLetterCommands.detail(outcome, maxReplays));
                progress.advance(1);
              });
    } finally {
      progress.finish();
    }
    printMissing(plan);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("selected", plan.targets().size() + plan.skipped().size());
    String done = action == DeadLetterMover.Action.REPLAY ? "replayed" : "deleted";
    summary.put(done, counts.getOrDefault(done, 0L));
    for (String code : new String[] {"skipped", "sent", "failed", "notFound"}) {
      long missing = code.equals("notFound") ? plan.missing().size() : 0;
      summary.put(code, counts.getOrDefault(code, 0L) + missing);
    }
    result.stoppedBecause().ifPresent(reason -> summary.put("stoppedBecause", reason));
    summarise(summary, null);
    boolean allDone =
        counts.getOrDefault(done, 0L) == plan.targets().size()
            && plan.skipped().isEmpty()
            && plan.missing().isEmpty()
            && result.stoppedBecause().isEmpty();
    return allDone ? ExitCodes.DONE : ExitCodes.PARTLY;
  }

  /** The copy's replay count, and a warning when the parser still rejects the body. */
  private static String replayDetail(Candidate target) {
    String detail = "replay " + (target.message().replayCount() + 1);
    return target
        .event()
        .rejection()
        .map(code -> detail + "; still " + code + " today: the worker will dead-letter it again")
        .orElse(detail);
  }

  private void printMissing(Plan plan) {
    for (long missing : plan.missing()) {
      print(missing, "", "", "notFound", "no such message in " + DeadLetterCommands.path(queue));
    }
  }

  private void count(String code) {
    counts.merge(code, 1L, Long::sum);
  }

  private void print(Candidate candidate, String code, String detail) {
    print(
        candidate.sequenceNumber(),
        DeadLetterCommands.eventId(candidate),
        candidate.message().messageId(),
        code,
        detail);
  }

  /** One message's line; a message without an event id (not JSON) is named by its message id. */
  private void print(
      long sequenceNumber, String eventId, String messageId, String code, String detail) {
    PrintWriter out = context.out();
    if (json) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("sequenceNumber", sequenceNumber);
      line.put("eventId", eventId.isEmpty() ? null : eventId);
      if (!messageId.isEmpty()) {
        line.put("messageId", messageId);
      }
      line.put("outcome", code);
      if (!detail.isEmpty()) {
        line.put("detail", detail);
      }
      Output.json(out, line);
    } else {
      String name =
          !eventId.isEmpty() || messageId.isEmpty() ? eventId : "(message " + messageId + ")";
      out.println(DeadLetterCommands.line(words(code), sequenceNumber, name, detail));
      out.flush();
    }
  }

  /**
   * The summary: one JSON line {@code {"summary":{...}}}, or one sentence with the counts that are
   * not zero.
   */
  private void summarise(Map<String, Object> summary, String note) {
    PrintWriter out = context.out();
    if (json) {
      Output.json(out, Map.of("summary", summary));
      return;
    }
    StringBuilder sentence =
        new StringBuilder(
            (action == DeadLetterMover.Action.REPLAY ? "replay" : "purge")
                + " of "
                + DeadLetterCommands.path(queue)
                + ": "
                + summary.get("selected")
                + " selected");
    summary.forEach(
        (code, value) -> {
          if (!code.equals("selected")
              && !code.equals("stoppedBecause")
              && !code.equals("moved")
              && value instanceof Number number
              && number.longValue() > 0) {
            sentence.append(", ").append(number).append(' ').append(words(code));
          }
        });
    if (summary.get("stoppedBecause") instanceof String reason) {
      sentence.append("; stopped: ").append(reason);
    }
    out.println(sentence);
    if (note != null) {
      out.println(note);
    }
    out.flush();
  }

  private static String code(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Replayed replayed -> "replayed";
      case Outcome.Purged purged -> "deleted";
      case Outcome.Skipped skipped -> "skipped";
      case Outcome.SentStillDeadLettered sent -> "sent";
      case Outcome.Failed failed -> "failed";
      case Outcome.NotFound notFound -> "notFound";
    };
  }

  /** A code as a person reads it: {@code notFound} is "not found". */
  private static String words(String code) {
    StringBuilder words = new StringBuilder();
    for (char c : code.toCharArray()) {
      if (Character.isUpperCase(c)) {
        words.append(' ').append(Character.toLowerCase(c));
      } else {
        words.append(c);
      }
    }
    return words.toString().toLowerCase(Locale.ROOT);
  }
}
