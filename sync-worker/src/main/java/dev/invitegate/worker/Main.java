package dev.invitegate.worker;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar sync-worker.jar run}: reads the environment, runs the worker until SIGTERM (exit
 * 0) or a fatal condition (exit 1). Invalid configuration or usage exits 2.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  static final int EXIT_FATAL = 1;
  static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    if (args.length != 1 || !"run".equals(args[0])) {
      System.err.println(
          "usage: java -jar sync-worker.jar run   (configuration from INVITEGATE_* environment"
              + " variables; see the README)");
      System.exit(EXIT_USAGE);
    }
    WorkerSettings settings;
    try {
      settings = WorkerSettings.from(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("sync-worker: " + e.getMessage());
      System.exit(EXIT_USAGE);
      return;
    }

    SyncWorker worker;
    try {
      worker = SyncWorker.start(settings);
    } catch (RuntimeException e) {
      LOG.error("event=start_failed reason=\"{}\"", e.getMessage(), e);
      System.err.println("sync-worker: cannot start: " + e.getMessage());
      System.exit(EXIT_FATAL);
      return;
    }

    AtomicBoolean exitingOnFatal = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (exitingOnFatal.get()) {
                    return;
                  }
                  LOG.info("event=stopping signal=TERM");
                  worker.close();
                  LOG.info("event=exit code=0");
                  // A JVM ended by SIGTERM exits 143 even after a clean stop; a graceful stop is
                  // a success for the orchestrator, so say so.
                  Runtime.getRuntime().halt(0);
                },
                "sync-worker-shutdown"));

    try {
      String reason = worker.awaitFatal();
      exitingOnFatal.set(true);
      worker.close();
      System.err.println("sync-worker: stopped: " + reason);
      System.exit(EXIT_FATAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
