package dev.invitegate.worker;

import dev.invitegate.runtime.ServiceMain;
import dev.invitegate.runtime.logging.Logging;
import java.util.List;

/**
 * {@code java -jar sync-worker.jar run}: reads the environment, runs the worker until SIGTERM (exit
 * 0) or a fatal condition (exit 1). A worker that cannot start exits 1 with one line saying why;
 * invalid configuration or usage exits 2.
 */
public final class Main {

  static {
    // Before any logger exists: the log manager is chosen when logging is first touched.
    Logging.configure();
  }

  static final String USAGE =
      """
      usage: java -jar sync-worker.jar run
        Consumes invitation events from a Service Bus queue and projects them into Cosmos DB
        until SIGTERM. Configuration comes from INVITEGATE_* environment variables (see the
        README). Health and metrics: /health/live, /health/ready and /metrics on the admin port.
        Exit codes: 0 stopped by SIGTERM, 1 cannot start or fatal error, 2 invalid configuration
        or usage.""";

  private Main() {}

  public static void main(String[] args) {
    List<String> arguments = List.of(args);
    if (arguments.equals(List.of("--help")) || arguments.equals(List.of("-h"))) {
      System.out.println(USAGE);
      System.exit(ServiceMain.EXIT_OK);
    }
    if (!arguments.equals(List.of("run"))) {
      System.err.println(USAGE);
      System.exit(ServiceMain.EXIT_CONFIGURATION);
    }
    ServiceMain main = new ServiceMain("sync-worker");
    WorkerSettings settings = main.settings(() -> WorkerSettings.from(System.getenv()));
    SyncWorker worker = main.start(() -> SyncWorker.start(settings));
    main.stopOnSigterm(worker::close);
    try {
      String reason = worker.awaitFatal();
      main.exitFatal(worker::close, reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
