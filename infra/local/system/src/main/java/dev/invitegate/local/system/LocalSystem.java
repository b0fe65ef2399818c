package dev.invitegate.local.system;

import dev.invitegate.runtime.logging.Logging;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar invitegate-local.jar <command>}: the local system and the Entra simulator. */
@Command(
    name = "java -jar infra/local/system/target/invitegate-local.jar",
    mixinStandardHelpOptions = true,
    description = "Invite Gate on this machine: the whole system, and Entra played against it.",
    subcommands = {UpCommand.class, SimulateCommand.class})
public final class LocalSystem implements Runnable {

  static {
    // The services' logging set-up: one line per record, the Azure SDKs' own logging off.
    Logging.configure();
  }

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    CommandLine commandLine =
        new CommandLine(new LocalSystem())
            .setOut(out)
            .setErr(err)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(
                (failure, failed, parsed) -> {
                  failed
                      .getErr()
                      .println(
                          failed.getCommandSpec().name()
                              + ": "
                              + (failure.getMessage() == null
                                  ? failure.toString()
                                  : failure.getMessage().lines().findFirst().orElse("")));
                  return 1;
                });
    System.exit(commandLine.execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
