package dev.invitegate.worker.cli;

import dev.invitegate.contracts.Guid;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.worker.allowlist.CsvEntryWriter;
import dev.invitegate.worker.allowlist.EntryRow;
import dev.invitegate.worker.allowlist.EntryState;
import dev.invitegate.worker.allowlist.EntryWriter;
import dev.invitegate.worker.allowlist.JsonLinesEntryWriter;
import dev.invitegate.worker.cosmos.CosmosInvitationScan;
import dev.invitegate.worker.projection.LedgerFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export}: every entry of the store (one per email and scope), streamed from one paged
 * cross-partition query, in the columns {@code import} reads: importing the output into an empty
 * store gives the same documents, hence the same decisions.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write the invitation store's entries, one row per email and scope (an application, or *"
          + " for all applications), in the columns import reads: email, applicationId, state,"
          + " expiresAt, roles, locked, time, eventId, attr.<name>[:type]. Importing the file"
          + " into an empty store gives the same decisions; into the same store, it changes"
          + " nothing.",
      "state is each entry's own at the time of the export: invited, expired or revoked (lookup"
          + " tells what a sign-up to an application gets from its entries together).",
      "Rows come in the store's order. The file holds addresses and invitation codes: keep it as"
          + " safe as the store."
    },
    footer = {
      "",
      "Examples:",
      "  java -jar sync-worker.jar export --output invitations.csv",
      "  java -jar sync-worker.jar export --state invited --format jsonl \\",
      "      --application 6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917 > invited.jsonl",
      "",
      "Exit codes: 0 every entry written, 1 done in part (entries CSV cannot hold, unreadable"
          + " documents, or the store stopped answering: the summary says), 2 usage or"
          + " configuration error."
    })
final class ExportCommand implements Callable<Integer> {

  /** Documents per page of the query. */
  static final int PAGE_SIZE = 500;

  enum StateFilter {
    INVITED,
    REVOKED,
    EXPIRED,
    ALL
  }

  enum Format {
    CSV,
    JSONL
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--application",
      paramLabel = "ID",
      description =
          "Only entries of this application (client) ID; * for only the entries for"
              + " all applications.")
  String application;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      defaultValue = "all",
      description = "invited, revoked, expired or all (default).")
  StateFilter state;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "csv",
      description = "csv (default: what import reads) or jsonl (one JSON object per entry).")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write to FILE (replaced only once complete) instead of standard output;"
              + " the summary then goes to standard output.")
  Path output;

  @Option(names = "--json", description = "The summary (and each problem) as JSON lines.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = WorkerCommand.context(spec);
    Optional<String> scopeFilter = scope();
    // With the rows on standard output, everything else goes to standard error.
    PrintWriter report = output == null ? context.err() : context.out();
    Counts counts = new Counts();
    Path partial = output == null ? null : partial(output);
    Instant now = context.clock().instant();
    String stopReason = null;
    boolean finished = false;
    try (StoreConnection store = StoreConnection.open(context);
        Writer target = target(context, partial);
        EntryWriter writer =
            format == Format.CSV ? new CsvEntryWriter(target) : new JsonLinesEntryWriter(target)) {
      Progress progress =
          Progress.start(
              output == null ? quiet(context) : context, "documents read", OptionalLong.empty());
      try {
        new CosmosInvitationScan(store.container())
            .forEach(
                PAGE_SIZE,
                scanned -> {
                  progress.advance(1);
                  counts.documents++;
                  switch (scanned) {
                    case CosmosInvitationScan.Scanned.Unreadable unreadable -> {
                      counts.unreadable++;
                      problem(report, Masking.email(unreadable.id()), "", unreadable.problem());
                    }
                    case CosmosInvitationScan.Scanned.Readable readable ->
                        write(readable.document(), scopeFilter, now, writer, counts, report);
                  }
                });
        writer.finish();
        finished = true;
      } catch (LedgerFailure e) {
        if (e.kind() == LedgerFailure.Kind.FATAL && counts.documents == 0) {
          throw new ConfigurationError(e.getMessage());
        }
        stopReason = e.getMessage();
      } finally {
        progress.finish();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (partial != null && !settle(partial, output, finished)) {
        stopReason = "cannot move " + partial + " to " + output;
      }
    }
    summary(report, counts, stopReason);
    return counts.failed() == 0 && stopReason == null ? ExitCodes.DONE : ExitCodes.PARTLY;
  }

  private Optional<String> scope() {
    if (application == null) {
      return Optional.empty();
    }
    if (application.strip().equals(InvitationDocument.ALL_APPLICATIONS)) {
      return Optional.of(InvitationDocument.ALL_APPLICATIONS);
    }
    return Optional.of(
        Guid.parse(application.strip())
            .orElseThrow(
                () ->
                    new ConfigurationError(
                        "--application: must be an application (client) ID (a GUID), or *")));
  }

  private void write(
      InvitationDocument document,
      Optional<String> scopeFilter,
      Instant now,
      EntryWriter writer,
      Counts counts,
      PrintWriter report) {
    document
        .scopes()
        .forEach(
            (scope, entry) -> {
              if (scopeFilter.isPresent() && !scopeFilter.get().equals(scope)) {
                return;
              }
              EntryState entryState = EntryState.of(document.id(), scope, entry, now);
              if (state != StateFilter.ALL && !state.name().equals(entryState.name())) {
                return;
              }
              Optional<String> problem =
                  writer.write(new EntryRow(document.id(), scope, entry, entryState));
              if (problem.isPresent()) {
                counts.notWritten++;
                problem(report, Masking.email(document.id().value()), scope, problem.get());
              } else {
                counts.written.merge(entryState, 1L, Long::sum);
              }
            });
  }

  private void problem(PrintWriter report, String email, String scope, String problem) {
    if (json) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("email", email);
      line.put("applicationId", scope.isEmpty() ? null : scope);
      line.put("problem", problem);
      Output.json(report, line);
    } else {
      report.println(
          "not exported: " + email + (scope.isEmpty() ? "" : " (" + scope + ")") + ": " + problem);
      report.flush();
    }
  }

  private void summary(PrintWriter report, Counts counts, String stopReason) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("output", output == null ? "-" : output.toString());
    summary.put("format", format.name().toLowerCase(Locale.ROOT));
    summary.put("documents", counts.documents);
    long written = counts.written.values().stream().mapToLong(Long::longValue).sum();
    summary.put("entries", written);
    for (EntryState entryState : EntryState.values()) {
      summary.put(entryState.label(), counts.written.getOrDefault(entryState, 0L));
    }
    summary.put("notExported", counts.notWritten);
    summary.put("unreadable", counts.unreadable);
    summary.put("stopReason", stopReason);
    if (json) {
      Output.json(report, Map.of("summary", summary));
      return;
    }
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("output", summary.get("output") + " (" + summary.get("format") + ")");
    table.put("documents", counts.documents + " read");
    table.put(
        "entries",
        written
            + " written ("
            + summary.get("invited")
            + " invited, "
            + summary.get("expired")
            + " expired, "
            + summary.get("revoked")
            + " revoked)");
    if (counts.failed() > 0) {
      table.put(
          "not exported",
          counts.notWritten
              + " entries, "
              + counts.unreadable
              + " unreadable documents (listed above)");
    }
    if (stopReason != null) {
      table.put(
          "stopped",
          stopReason
              + (output == null ? "" : "; " + output + " was left as it was")
              + ". Run the export again.");
    }
    Output.fields(report, table);
  }

  private static Path partial(Path output) {
    Path absolute = output.toAbsolutePath();
    if (absolute.getParent() != null && !Files.isDirectory(absolute.getParent())) {
      throw new ConfigurationError("--output: no such directory: " + absolute.getParent());
    }
    return absolute.resolveSibling(absolute.getFileName() + ".part");
  }

  private static Writer target(CliContext context, Path partial) throws IOException {
    if (partial == null) {
      // The command's standard output: flushed, never closed.
      return new Writer() {
        @Override
        public void write(char[] buffer, int offset, int length) {
          context.out().write(buffer, offset, length);
        }

        @Override
        public void flush() {
          context.out().flush();
        }

        @Override
        public void close() {
          context.out().flush();
        }
      };
    }
    return Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
  }

  /**
   * Moves a finished file in place, or removes an unfinished one; false if the move failed (an
   * unfinished file that cannot be removed is left for the operator to see).
   */
  private static boolean settle(Path partial, Path output, boolean finished) {
    try {
      if (finished) {
        Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(partial);
      }
      return true;
    } catch (IOException e) {
      return !finished;
    }
  }

  /** A context whose output is no terminal: no progress while rows go to standard output. */
  private static CliContext quiet(CliContext context) {
    return new CliContext(context.env(), context.clock(), context.out(), context.err(), false);
  }

  private static final class Counts {
    long documents;
    long unreadable;
    long notWritten;
    final Map<EntryState, Long> written = new EnumMap<>(EntryState.class);

    long failed() {
      return unreadable + notWritten;
    }
  }
}
