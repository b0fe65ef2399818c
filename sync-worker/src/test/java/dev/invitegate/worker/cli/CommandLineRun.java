package dev.invitegate.worker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

/**
 * One command line run in-process, as {@code main} runs it but with its own environment, clock and
 * output: what tests of the commands assert on.
 */
public record CommandLineRun(int exitCode, String out, String err) {

  public static CommandLineRun run(Map<String, String> env, Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        Cli.execute(
            new CliContext(
                env, clock, new PrintWriter(out, true), new PrintWriter(err, true), false),
            args);
    return new CommandLineRun(exitCode, out.toString(), err.toString());
  }

  /** Standard output and error together. */
  public String all() {
    return out + err;
  }

  /** Whether anything printed looks like a stack trace. */
  public boolean printedAStackTrace() {
    return all().contains("\tat ") || all().contains("Exception:") || all().contains("Caused by");
  }
}
