package dev.invitegate.worker.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command reads and writes besides its arguments: the environment ({@code INVITEGATE_*}
 * variables), the clock, where results and messages go, and whether a person is watching (progress
 * is shown only then). {@code main} passes the process's; tests pass their own.
 *
 * @param out results: tables, JSON, summaries
 * @param err messages and progress
 * @param terminal whether stdout is a terminal
 */
public record CliContext(
    Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err, boolean terminal) {

  public CliContext {
    env = Map.copyOf(env);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }
}
