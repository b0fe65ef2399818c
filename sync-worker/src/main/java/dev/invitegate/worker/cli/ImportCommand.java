package dev.invitegate.worker.cli;

import dev.invitegate.contracts.InvitationRevoked;
import dev.invitegate.worker.allowlist.AllowListReader;
import dev.invitegate.worker.allowlist.FileProblem;
import dev.invitegate.worker.allowlist.ImportRow;
import dev.invitegate.worker.allowlist.RowDefaults;
import dev.invitegate.worker.servicebus.EventPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code import}: one event per row of an allow-list file, sent in batches as the file streams by.
 * Events are dated and identified by the file's content, so a second run sends the same events,
 * which the projection finds stale: running a file again changes nothing.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Publish one event per row of FILE.csv (a header row, then one invitation per row) to the"
          + " queue, in batches. Invalid rows are reported by line and skipped; the rest go.",
      "Columns: email (required); applicationId (a GUID, or * for all applications), expiresAt,"
          + " roles (;-separated), locked (;-separated attribute names), attr.<name>[:string|int64"
          + "|boolean] (one per attribute), state (invited, expired or revoked: a revoked row"
          + " sends a revoke), time and eventId (what export writes). Empty cells take the"
          + " options' values.",
      "A row's event is dated by its time cell, else by --time, else by the file's last"
          + " modification; its id comes from its content. Running the same file again sends the"
          + " same events, which change nothing. To change a row later, edit it and give it a"
          + " newer time (or clear its time and eventId cells)."
    },
    footer = {
      "",
      "Examples:",
      "  java -jar sync-worker.jar import allow-list.csv --dry-run",
      "  java -jar sync-worker.jar import allow-list.csv \\",
      "      --application 6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917 \\",
      "      --expires-at 2026-12-31T23:59:59Z",
      "",
      "  email,roles,attr.displayName,attr.CohortYear:int64",
      "  alice@example.com,beta;reviewer,Alice Example,2025",
      "",
      "Exit codes: 0 every row sent, 1 done in part (invalid rows, or sending stopped: the summary"
          + " says), 2 usage or configuration error (nothing sent)."
    })
final class ImportCommand implements Callable<Integer> {

  static final String SOURCE = "/invitegate/sync-worker/import";

  /** Messages per send at most; the queue's size limit may cut a batch sooner. */
  static final int MAX_BATCH = 500;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.csv", description = "The allow-list, UTF-8 CSV.")
  Path file;

  @Option(
      names = "--application",
      paramLabel = "ID",
      description =
          "Application (client) ID for rows with an empty applicationId; without it,"
              + " all applications.")
  String application;

  @Option(
      names = "--expires-at",
      paramLabel = "T",
      description = "Expiry for grants with an empty expiresAt, e.g. 2026-12-31T23:59:59Z.")
  String expiresAt;

  @Option(
      names = "--time",
      paramLabel = "T",
      description =
          "The time of rows with an empty time cell (default: the file's last"
              + " modification, to the second).")
  String time;

  @Option(names = "--dry-run", description = "Read and check every row; send nothing.")
  boolean dryRun;

  @Option(
      names = "--json",
      description = "JSON lines: one per invalid row, then one with the summary.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = WorkerCommand.context(spec);
    Optional<String> applicationId = EventPublishing.application(application);
    Optional<Instant> expiry =
        Optional.ofNullable(expiresAt).map(text -> EventPublishing.time("--expires-at", text));
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigurationError(file + ": no such file, or not readable");
    }
    boolean timeGiven = time != null;
    Instant defaultTime = timeGiven ? EventPublishing.time("--time", time) : modified(file);
    String queue = dryRun ? null : EventPublishing.queue(context);
    RowDefaults defaults = new RowDefaults(applicationId, expiry, defaultTime, SOURCE);

    Run run = new Run(context, queue);
    try (InputStream in = Files.newInputStream(file)) {
      new AllowListReader(defaults).read(in, run::accept);
      run.flush();
    } catch (FileProblem e) {
      if (e.inHeader()) {
        throw new ConfigurationError(file + ": " + e.getMessage());
      }
      run.flushQuietly();
      run.stop(e.line(), e.getMessage());
    } catch (Stopped e) {
      // Sending failed: the summary says where and why.
    } catch (NoSuchFileException e) {
      throw new ConfigurationError(file + ": no such file");
    } catch (IOException | UncheckedIOException e) {
      run.stop(run.lastLine, "cannot read " + file + ": " + e.getMessage());
    } finally {
      run.close();
    }
    if (run.stopReason != null && run.stoppedByConfiguration && run.sent == 0) {
      throw new ConfigurationError(run.stopReason);
    }
    summary(context, run, queue, defaultTime, timeGiven);
    return run.invalid == 0 && run.stopReason == null ? ExitCodes.DONE : ExitCodes.PARTLY;
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
    } catch (IOException e) {
      throw new ConfigurationError(file + ": cannot read its modification time: " + e.getMessage());
    }
  }

  private void summary(
      CliContext context, Run run, String queue, Instant defaultTime, boolean timeGiven) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("file", file.toString());
    summary.put("dryRun", dryRun);
    summary.put("rows", run.rows);
    summary.put(dryRun ? "valid" : "sent", dryRun ? run.ready : run.sent);
    summary.put("grants", dryRun ? run.ready - run.readyRevokes : run.sent - run.sentRevokes);
    summary.put("revokes", dryRun ? run.readyRevokes : run.sentRevokes);
    summary.put("invalid", run.invalid);
    summary.put("queue", queue);
    summary.put("time", defaultTime.toString());
    summary.put("timeFrom", timeGiven ? "--time" : "the file's last modification");
    summary.put("stoppedAtLine", run.stopReason == null ? null : run.stopLine);
    summary.put("stopReason", run.stopReason);
    summary.put("notSent", run.stopReason == null || dryRun ? 0 : run.ready - run.sent);
    if (json) {
      Output.json(context.out(), Map.of("summary", summary));
      return;
    }
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("file", file);
    table.put("rows", run.rows);
    if (dryRun) {
      table.put(
          "valid",
          run.ready
              + " ("
              + (run.ready - run.readyRevokes)
              + " grants, "
              + run.readyRevokes
              + " revokes): nothing sent (dry run)");
    } else {
      table.put(
          "sent",
          run.sent
              + " events ("
              + (run.sent - run.sentRevokes)
              + " grants, "
              + run.sentRevokes
              + " revokes) to queue "
              + queue);
    }
    table.put(
        "invalid", run.invalid == 0 ? "0" : run.invalid + " rows, skipped (listed above by line)");
    table.put(
        "time",
        defaultTime
            + " for rows without a time ("
            + (timeGiven ? "--time" : "the file's last modification; --time sets another")
            + ")");
    if (run.stopReason != null) {
      table.put(
          "stopped",
          "at line "
              + run.stopLine
              + ": "
              + run.stopReason
              + "; "
              + (run.ready - run.sent)
              + " valid rows read were not sent, and the rest of the file was not read. Run the"
              + " same file again: rows already sent change nothing.");
    }
    Output.fields(context.out(), table);
  }

  /** Sending failed; reading stops. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  /** One run over the file: the batch being filled, the counts, where it stopped. */
  private final class Run implements AutoCloseable {

    private final CliContext context;
    private final String queue;
    private final Progress progress;
    private EventPublisher publisher;
    private EventPublisher.Batch batch;
    private int batchRevokes;
    private long rows;
    private long ready;
    private long readyRevokes;
    private long sent;
    private long sentRevokes;
    private long invalid;
    private int lastLine;
    private int stopLine;
    private String stopReason;
    private boolean stoppedByConfiguration;

    Run(CliContext context, String queue) {
      this.context = context;
      this.queue = queue;
      this.progress =
          Progress.start(context, "rows", context.terminal() ? lines(file) : OptionalLong.empty());
    }

    void accept(ImportRow row) {
      rows++;
      lastLine = row.line();
      progress.advance(1);
      switch (row) {
        case ImportRow.Invalid invalidRow -> report(invalidRow);
        case ImportRow.Ready readyRow -> {
          ready++;
          boolean revoke = readyRow.event() instanceof InvitationRevoked;
          if (revoke) {
            readyRevokes++;
          }
          if (!dryRun) {
            add(readyRow, revoke);
          }
        }
      }
    }

    private void add(ImportRow.Ready row, boolean revoke) {
      if (batch != null
          && batch.count() < MAX_BATCH
          && batch.tryAdd(row.event().id(), row.body())) {
        batchRevokes += revoke ? 1 : 0;
        return;
      }
      flush();
      batch = send(() -> publisher().batch(), row.line());
      if (!batch.tryAdd(row.event().id(), row.body())) {
        ready--;
        readyRevokes -= revoke ? 1 : 0;
        report(
            new ImportRow.Invalid(
                row.line(),
                Optional.of(row.event().email()),
                "the event is larger than a message the queue takes"));
        return;
      }
      batchRevokes = revoke ? 1 : 0;
    }

    /** Sends the batch being filled, if any. */
    void flush() {
      if (batch == null || batch.count() == 0) {
        return;
      }
      EventPublisher.Batch sending = batch;
      batch = null;
      send(
          () -> {
            sending.send();
            return sending;
          },
          lastLine);
      sent += sending.count();
      sentRevokes += batchRevokes;
      batchRevokes = 0;
    }

    void flushQuietly() {
      try {
        flush();
      } catch (Stopped e) {
        // The failure is recorded; the caller reports the first reason to stop.
      }
    }

    private <T> T send(Supplier<T> action, int line) {
      try {
        return action.get();
      } catch (EventPublisher.PublishFailure e) {
        stoppedByConfiguration = e.configuration();
        stop(line, e.getMessage());
        throw new Stopped();
      }
    }

    private EventPublisher publisher() {
      if (publisher == null) {
        publisher = EventPublishing.publisher(context);
      }
      return publisher;
    }

    void stop(int line, String reason) {
      if (stopReason == null) {
        stopLine = line;
        stopReason = reason;
      }
    }

    private void report(ImportRow.Invalid row) {
      invalid++;
      String email = row.email().map(key -> Masking.email(key.value())).orElse("");
      if (json) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line", row.line());
        line.put("email", email);
        line.put("problem", row.reason());
        Output.json(context.out(), line);
      } else {
        progress.finish();
        context
            .out()
            .println(
                "line " + row.line() + (email.isEmpty() ? "" : "  " + email) + "  " + row.reason());
        context.out().flush();
      }
    }

    @Override
    public void close() {
      progress.finish();
      if (publisher != null) {
        publisher.close();
      }
    }
  }

  /** Lines in the file (rows and header, about): the total progress counts towards. */
  private static OptionalLong lines(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      long lines = 0;
      int read;
      while ((read = in.read(buffer)) > 0) {
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
      return OptionalLong.of(Math.max(lines - 1, 0));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }
}
