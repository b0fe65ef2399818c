package dev.invitegate.worker;

import dev.invitegate.runtime.logging.Logging;
import dev.invitegate.worker.cli.Cli;
import dev.invitegate.worker.cli.CliContext;
import dev.invitegate.worker.cli.Terminal;
import dev.invitegate.worker.cli.WorkerCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * {@code java -jar sync-worker.jar <command>}: {@code run} (the worker), and the operators'
 * commands; see {@link WorkerCommand}.
 */
public final class Main {

  static {
    // Before any logger exists: the log manager is chosen when logging is first touched.
    Logging.configure();
  }

  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals("run")) {
      // A command lives a few seconds: Netty's sun.misc.Unsafe speed-ups buy nothing there, and
      // using them makes JDK 24+ print a warning unless the JVM was given an option for it.
      System.setProperty("io.netty.noUnsafe", System.getProperty("io.netty.noUnsafe", "true"));
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    CliContext context =
        new CliContext(System.getenv(), Clock.systemUTC(), out, err, Terminal.isTerminal());
    System.exit(Cli.execute(context, args));
  }
}
