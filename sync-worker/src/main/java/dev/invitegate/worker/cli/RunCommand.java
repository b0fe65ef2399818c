package dev.invitegate.worker.cli;

import dev.invitegate.runtime.ServiceMain;
import dev.invitegate.worker.SyncWorker;
import dev.invitegate.worker.WorkerSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code run}: the worker itself, until SIGTERM (exit 0) or a fatal error (exit 1). */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Consume invitation events from the Service Bus queue and project them into Cosmos DB, until"
          + " SIGTERM.",
      "Health and metrics: /health/live, /health/ready and /metrics on the admin port."
    },
    footer = {
      "",
      "Example:",
      "  java -jar sync-worker.jar run",
      "",
      "Exit codes: 0 stopped by SIGTERM, 1 cannot start or a fatal error, 2 invalid configuration."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliContext context = WorkerCommand.context(spec);
    ServiceMain main = new ServiceMain("sync-worker");
    WorkerSettings settings = main.settings(() -> WorkerSettings.from(context.env()));
    SyncWorker worker = main.start(() -> SyncWorker.start(settings));
    main.stopOnSigterm(worker::close);
    try {
      String reason = worker.awaitFatal();
      main.exitFatal(worker::close, reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.PARTLY;
  }
}
