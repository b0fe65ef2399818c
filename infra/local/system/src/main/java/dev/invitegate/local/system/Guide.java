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
    String worker = "java -jar " + repository.root().relativize(repository.workerJar());
    String local =
        "java -jar "
            + repository
                .root()
                .relativize(
                    repository.root().resolve("infra/local/system/target/invitegate-local.jar"));
    out.println();
    out.println("Try (from " + repository.root() + "):");
    out.println("  " + worker + " invite dave@example.com --attribute displayName=Dave");
    out.println("  " + local + " simulate start --email dave@example.com");
    out.println(
        "  " + local + " simulate submit --email dave@example.com --attribute displayName=Dave");
    out.println("  " + worker + " lookup dave@example.com");
    out.println("  " + worker + " revoke dave@example.com");
    out.println("  " + local + " simulate start --email dave@example.com");
    out.println("  " + worker + " dlq list");
    out.println("  curl -s " + workerAdmin + "/metrics | grep invitegate_");
    out.println();
    out.println("Ctrl-C stops everything.");
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
