package dev.invitegate.worker.cli;

import java.lang.System.Logger.Level;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs one command line. Usage and configuration errors print one line (and the usage for the
 * former) and exit 2; a command that fails prints one line and exits 1; no stack trace unless
 * logging is at debug level.
 */
public final class Cli {

  private static final System.Logger LOG = System.getLogger(Cli.class.getName());

  private Cli() {}

  /** Runs {@code args} in {@code context}; returns the exit code. */
  public static int execute(CliContext context, String... args) {
    CommandLine commandLine = new CommandLine(new WorkerCommand(context));
    commandLine
        .setOut(context.out())
        .setErr(context.err())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExitCodeExceptionMapper(Cli::exitCode)
        .setExecutionExceptionHandler(
            (failure, failed, parsed) -> {
              String name = failed.getCommandSpec().qualifiedName(" ");
              String message =
                  failure.getMessage() == null ? failure.toString() : firstLine(failure);
              if (failure instanceof ConfigurationError) {
                failed.getErr().println(name + ": " + message);
              } else {
                LOG.log(Level.DEBUG, name + " failed", failure);
                failed.getErr().println(name + ": failed: " + message);
              }
              failed.getErr().flush();
              return exitCode(failure);
            });
    return commandLine.execute(args);
  }

  private static int exitCode(Throwable failure) {
    return failure instanceof ConfigurationError || failure instanceof ParameterException
        ? ExitCodes.USAGE
        : ExitCodes.PARTLY;
  }

  private static String firstLine(Throwable failure) {
    String message = failure.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
