package dev.invitegate.local.system;

import dev.invitegate.local.LocalEmulators;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code up}: the whole system on this machine, wired together, the demo, then it stays up until
 * Ctrl-C, which stops every process it started.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the local Cosmos DB and Service Bus stand-ins, the worker, the responder and a"
          + " development token issuer, wired together; tell the demo; stay up until Ctrl-C.",
      "The stand-ins keep their data in memory: it is gone when the system stops.",
      "Ports are fixed so that commands can be copied; 0 picks a free port."
    },
    footer = {
      "",
      "Examples:",
      "  ./run-local",
      "  ./run-local --no-demo",
      "  ./run-local --responder-port 18080 --servicebus-port 0",
      "",
      "Exit codes: 0 stopped with Ctrl-C, 1 could not start (the message says why), 2 usage error."
    })
final class UpCommand implements Callable<Integer> {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  @Spec CommandSpec spec;

  /** The worker's admin port unless told otherwise, as the README's examples use it. */
  static final String DEFAULT_WORKER_ADMIN_PORT = "8081";

  @Option(names = "--no-demo", description = "Start the system only, without the demo.")
  boolean noDemo;

  @Option(names = "--responder-port", defaultValue = "8080", description = "Entra's endpoint.")
  int responderPort;

  @Option(
      names = "--responder-admin-port",
      defaultValue = "9090",
      description = "The responder's health and metrics.")
  int responderAdminPort;

  @Option(
      names = "--worker-admin-port",
      defaultValue = DEFAULT_WORKER_ADMIN_PORT,
      description = "The worker's health and metrics.")
  int workerAdminPort;

  @Option(
      names = "--issuer-port",
      defaultValue = "8088",
      description = "The development token issuer's key set.")
  int issuerPort;

  @Option(names = "--cosmos-port", defaultValue = "8181", description = "The Cosmos stand-in.")
  int cosmosPort;

  @Option(
      names = "--servicebus-port",
      defaultValue = "5673",
      description = "The Service Bus stand-in (AMQP).")
  int serviceBusPort;

  private final List<AutoCloseable> started = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Repository repository = Repository.find();
    repository.requireJars();
    responderPort = Ports.resolve(responderPort);
    responderAdminPort = Ports.resolve(responderAdminPort);
    workerAdminPort = Ports.resolve(workerAdminPort);
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("responder", responderPort);
    ports.put("responder admin", responderAdminPort);
    ports.put("worker admin", workerAdminPort);
    ports.put("token issuer", issuerPort);
    ports.put("Cosmos stand-in", cosmosPort);
    ports.put("Service Bus stand-in", serviceBusPort);
    Ports.requireFree(ports);
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-system-stop"));

    Path state = repository.stateDirectory();
    Files.createDirectories(state);
    out.println("Starting the local system (logs in " + state + ") ...");
    out.flush();
    LocalEmulators emulators =
        remember(
            LocalEmulators.start(
                LocalEmulators.Options.defaults().onPorts(cosmosPort, serviceBusPort),
                state.resolve("stand-ins.log")));
    DevTokenIssuer issuer = remember(DevTokenIssuer.start(issuerPort));
    Path keyFile = state.resolve("issuer-key.json");
    issuer.writeKey(keyFile);

    Map<String, String> shared = new LinkedHashMap<>(emulators.settings());
    // One key for both services' email hashes, so their log lines about a person correlate.
    shared.put("INVITEGATE_LOG_HASH_KEY", randomKey());
    Map<String, String> workerEnv = new LinkedHashMap<>(shared);
    workerEnv.put("INVITEGATE_ADMIN_HOST", "127.0.0.1");
    workerEnv.put("INVITEGATE_ADMIN_PORT", Integer.toString(workerAdminPort));
    Map<String, String> responderEnv = new LinkedHashMap<>(shared);
    responderEnv.remove("INVITEGATE_COSMOS_CREATE_IF_MISSING");
    responderEnv.keySet().removeIf(name -> name.startsWith("INVITEGATE_SERVICEBUS_"));
    responderEnv.put("INVITEGATE_HTTP_PORT", Integer.toString(responderPort));
    responderEnv.put("INVITEGATE_ADMIN_HOST", "127.0.0.1");
    responderEnv.put("INVITEGATE_ADMIN_PORT", Integer.toString(responderAdminPort));
    responderEnv.put("INVITEGATE_ENTRA_TENANT_ID", DevTokenIssuer.TENANT_ID);
    responderEnv.put("INVITEGATE_ENTRA_CLIENT_ID", DevTokenIssuer.CLIENT_ID);
    responderEnv.put("INVITEGATE_ENTRA_JWKS_URIS", issuer.keySetUri().toString());
    responderEnv.put("INVITEGATE_ENTRA_ISSUERS", DevTokenIssuer.issuer());

    ChildService worker =
        remember(
            ChildService.start(
                "worker",
                repository.workerJar(),
                List.of("run"),
                workerEnv,
                state.resolve("worker.log")));
    ChildService responder =
        remember(
            ChildService.start(
                "responder",
                repository.responderJar(),
                List.of(),
                responderEnv,
                state.resolve("responder.log")));
    URI workerAdmin = URI.create("http://127.0.0.1:" + workerAdminPort);
    URI responderAdmin = URI.create("http://127.0.0.1:" + responderAdminPort);
    worker.awaitReady(workerAdmin.resolve("/health/ready"), READY_TIMEOUT);
    responder.awaitReady(responderAdmin.resolve("/health/ready"), READY_TIMEOUT);
    URI entra = URI.create("http://127.0.0.1:" + responderPort + "/entra/events");

    Map<String, String> cliEnv = new LinkedHashMap<>(shared);
    cliEnv.remove("INVITEGATE_COSMOS_CREATE_IF_MISSING");
    new LocalState(
            entra,
            responderAdmin,
            workerAdmin,
            issuer.keySetUri(),
            DevTokenIssuer.TENANT_ID,
            DevTokenIssuer.CLIENT_ID,
            DevTokenIssuer.issuer(),
            keyFile,
            cliEnv)
        .write(repository.stateFile());
    out.println("Ready: worker and responder are up.");
    out.flush();

    boolean demoOk = true;
    if (!noDemo) {
      WorkerCommands commands = new WorkerCommands(repository.workerJar(), cliEnv);
      demoOk =
          new Demo(
                  new LocalSystemParts(
                      entra,
                      workerAdmin,
                      worker.log(),
                      emulators.serviceBusConnectionString(),
                      shared.get("INVITEGATE_SERVICEBUS_QUEUE"),
                      commands,
                      issuer::token),
                  out)
              .run();
    }
    Guide.print(out, repository, entra, responderAdmin, workerAdmin, cliEnv, started, demoOk);
    out.flush();
    stopped.await();
    return 0;
  }

  private <T extends AutoCloseable> T remember(T part) {
    started.add(part);
    return part;
  }

  /** Stops every part, last started first; runs on Ctrl-C (SIGINT) and on SIGTERM. */
  private void stopAll() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("stopping " + started.get(i) + " failed: " + e.getMessage());
      }
    }
    try {
      Files.deleteIfExists(Repository.find().stateFile());
    } catch (IOException | RuntimeException e) {
      // The state describes a system that is gone; a stale file only misleads simulate.
    }
    System.err.println("local system stopped");
    stopped.countDown();
  }

  private static String randomKey() {
    byte[] key = new byte[24];
    new SecureRandom().nextBytes(key);
    return HexFormat.of().formatHex(key);
  }
}
