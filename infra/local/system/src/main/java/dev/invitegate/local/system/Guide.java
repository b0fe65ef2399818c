package dev.invitegate.local.system;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What runs where, and what to try next, printed once the system is up. */
final class Guide {

  private Guide() {}

  static void print(
      PrintWriter out,
      Repository repository,
      URI entra,
      URI responderAdmin,
      URI workerAdmin,
      Map<String, String> cliEnv,
      List<AutoCloseable> parts,
      boolean demoOk) {
    out.println();
    if (!demoOk) {
      out.println("Some answers were not the expected ones: see the logs below.");
    }
    out.println("Running (in memory: everything is gone when you stop it):");
    out.println("  Entra endpoint     POST " + entra);
    out.println(
        "  responder admin    " + responderAdmin + "/health/ready  " + responderAdmin + "/metrics");
    out.println(
        "  worker admin       " + workerAdmin + "/health/ready  " + workerAdmin + "/metrics");
    for (AutoCloseable part : parts) {
      if (part instanceof ChildService child) {
        out.println("  " + pad(child.name() + " log", 18) + " " + child.log());
      }
    }
    out.println("  stand-ins log      " + repository.stateDirectory().resolve("stand-ins.log"));
    out.println();
    out.println("The operators' commands against it, in another terminal:");
    new TreeMap<>(cliEnv)
        .forEach((name, value) -> out.println("  export " + name + "='" + value + "'"));
    // The commands need JDK 21+, which the default java of the shell may not be.
    out.println(
        "  export PATH='" + Path.of(System.getProperty("java.home"), "bin") + "':\"$PATH\"");
    out.println();
    out.println("Try (from " + repository.root() + "):");
    tryCommands(workerAdmin).forEach(command -> out.println("  " + command));
    out.println();
    out.println("Ctrl-C stops everything.");
  }

  /** What to try against the running system, as copy-paste commands from the checkout. */
  static List<String> tryCommands(URI workerAdmin) {
    String worker = "java -jar sync-worker/target/sync-worker.jar";
    String local = "java -jar infra/local/system/target/invitegate-local.jar";
    return List.of(
        worker + " invite dave@example.com --attribute displayName=Dave",
        local + " simulate start --email dave@example.com",
        local + " simulate submit --email dave@example.com --attribute displayName=Dave",
        worker + " lookup dave@example.com",
        worker + " revoke dave@example.com",
        local + " simulate start --email dave@example.com",
        worker + " dlq list",
        "curl -s " + workerAdmin + "/metrics | grep invitegate_");
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
