package dev.invitegate.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.ServiceBusControl.QueueStats;
import dev.invitegate.worker.projection.InvitationLedger;
import dev.invitegate.worker.projection.Versioned;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker as operators run it: {@code java -jar sync-worker.jar run}, a child process. */
@ExtendWith(LocalAzureExtension.class)
class WorkerProcessIT {

  private static final Path JAR =
      Path.of(System.getProperty("worker.jar", "target/sync-worker.jar"));
  private static final QueueStats EMPTY = new QueueStats(0, 0, 0);
  private static LocalWorld world;
  private Process worker;

  @BeforeAll
  static void openWorld(LocalEmulators emulators) {
    assertThat(JAR).as("the fat jar is built in the package phase").exists();
    world = new LocalWorld(emulators);
  }

  @AfterAll
  static void closeWorld() {
    world.close();
  }

  @AfterEach
  void killWorker() {
    if (worker != null && worker.isAlive()) {
      worker.destroyForcibly();
    }
  }

  @Test
  void appliesEveryEvent_whenTheWorkerIsKilledMidStreamAndRestarted() throws Exception {
    // Locks of the killed worker's messages expire quickly, as a short lock duration makes them.
    String queue = world.newQueue(Duration.ofSeconds(3), 10);
    String container = LocalWorld.newContainerName();
    Workload workload = Workload.generate("sigkill.example", 800, 3, 0.05, 7L);
    int adminPort = freePort();
    Map<String, String> env = environment(queue, container, adminPort);
    world.publish(queue, workload.bodies());

    worker = start(env, "sigkill-1");
    await().atMost(Duration.ofSeconds(60)).until(() -> applied(adminPort) >= 300);
    worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(worker.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    QueueStats atKill = world.emulators().serviceBus().queueStats(queue);
    assertThat(atKill.active() + atKill.locked()).as("the kill must land mid-stream").isPositive();

    worker = start(env, "sigkill-2");
    InvitationLedger ledger = world.ledger(container);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> world.emulators().serviceBus().queueStats(queue).equals(EMPTY));
    assertThat(stored(ledger, workload)).isEqualTo(workload.expected());
  }

  @Test
  void finishesOrGivesBackInFlightMessagesAndExitsZero_onSigterm() throws Exception {
    String queue = world.newQueue(Duration.ofSeconds(10), 10);
    String container = LocalWorld.newContainerName();
    Workload workload = Workload.generate("sigterm.example", 600, 3, 0, 8L);
    int adminPort = freePort();
    Map<String, String> env = environment(queue, container, adminPort);
    world.publish(queue, workload.bodies());

    worker = start(env, "sigterm-1");
    await().atMost(Duration.ofSeconds(60)).until(() -> applied(adminPort) >= 200);
    long stopping = System.nanoTime();
    worker.destroy();

    assertThat(worker.waitFor(15, TimeUnit.SECONDS)).as("stopped within the bound").isTrue();
    assertThat(worker.exitValue()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(15));
    // In-flight messages were completed or given back; at most a message per slot that arrived in
    // the last instant may wait for its lock to expire.
    assertThat(world.emulators().serviceBus().queueStats(queue).locked()).isLessThanOrEqualTo(4);

    worker = start(env, "sigterm-2");
    InvitationLedger ledger = world.ledger(container);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> world.emulators().serviceBus().queueStats(queue).equals(EMPTY));
    assertThat(stored(ledger, workload)).isEqualTo(workload.expected());
  }

  @Test
  void exitsNonZeroNamingTheContainer_whenItIsMissing() throws Exception {
    String queue = world.newQueue(Duration.ofSeconds(30), 10);
    Map<String, String> env = environment(queue, "missing-container", freePort());
    env.put("INVITEGATE_COSMOS_CREATE_IF_MISSING", "false");

    worker = start(env, "missing-container");

    assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.exitValue()).isEqualTo(1);
    assertThat(output("missing-container"))
        .contains("'missing-container'")
        .contains("does not exist");
  }

  @Test
  void exitsWithUsageCodeNamingTheVariable_whenConfigurationIsMalformed() throws Exception {
    Map<String, String> env = environment("q", LocalWorld.newContainerName(), freePort());
    env.put("INVITEGATE_WORKER_CONCURRENCY", "lots");

    worker = start(env, "malformed");

    assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.exitValue()).isEqualTo(2);
    assertThat(output("malformed")).contains("INVITEGATE_WORKER_CONCURRENCY");
  }

  @Test
  void exitsOneWithOneLineNamingThePort_whenTheAdminPortIsInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      Map<String, String> env = environment("unused", LocalWorld.newContainerName(), port);

      worker = start(env, "admin-port-taken");

      assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(worker.exitValue()).isEqualTo(1);
      assertThat(cannotStartLine("admin-port-taken"))
          .contains("admin port")
          .contains(":" + port)
          .contains("already in use");
    }
  }

  @Test
  void exitsOneWithOneLineNamingTheEndpoint_whenCosmosCannotBeReached() throws Exception {
    Map<String, String> env = environment("unused", LocalWorld.newContainerName(), freePort());
    env.put("INVITEGATE_COSMOS_ENDPOINT", "https://127.0.0.1:1/");

    worker = start(env, "cosmos-unreachable");

    assertThat(worker.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.exitValue()).isEqualTo(1);
    assertThat(cannotStartLine("cosmos-unreachable")).contains("https://127.0.0.1:1/");
  }

  @Test
  void printsUsageAndExitsZero_whenAskedForHelp() throws Exception {
    worker = start(Map.of(), "help", "--help");

    assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.exitValue()).isZero();
    assertThat(Files.readString(stdout("help"), StandardCharsets.UTF_8))
        .startsWith("Usage: java -jar sync-worker.jar")
        .contains("run");
  }

  /**
   * The one line on stderr that says why the worker did not start; stderr must carry no stack trace
   * (that goes to the log at debug level only).
   */
  private static String cannotStartLine(String name) throws IOException {
    List<String> lines = Files.readAllLines(stderr(name), StandardCharsets.UTF_8);
    assertThat(lines)
        .as("no stack trace on stderr")
        .noneMatch(line -> line.matches("\\s+at \\S+\\(.*") || line.startsWith("Caused by"));
    List<String> reasons =
        lines.stream().filter(line -> line.startsWith("sync-worker: cannot start: ")).toList();
    assertThat(reasons).hasSize(1);
    return reasons.getFirst();
  }

  private static Map<String, String> environment(String queue, String container, int adminPort) {
    Map<String, String> env = new HashMap<>(world.workerEnvironment(queue, container));
    env.put("INVITEGATE_ADMIN_PORT", Integer.toString(adminPort));
    env.put("INVITEGATE_WORKER_CONCURRENCY", "4");
    return env;
  }

  private static Process start(Map<String, String> env, String name) throws IOException {
    return start(env, name, "run");
  }

  private static Process start(Map<String, String> env, String name, String command)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(java, "-jar", JAR.toString(), command)
            .redirectOutput(stdout(name).toFile())
            .redirectError(stderr(name).toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static Path stdout(String name) {
    return logs().resolve(name + ".out.log");
  }

  private static Path stderr(String name) {
    return logs().resolve(name + ".err.log");
  }

  /** What the process wrote, stdout then stderr. */
  private static String output(String name) throws IOException {
    return Files.readString(stdout(name), StandardCharsets.UTF_8)
        + Files.readString(stderr(name), StandardCharsets.UTF_8);
  }

  private static Path logs() {
    try {
      return Files.createDirectories(Path.of("target", "worker-process-logs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double applied(int adminPort) {
    Map.Entry<Integer, String> response = world.admin(adminPort, "/metrics");
    return response.getKey() == 200
        ? LocalWorld.metric(response.getValue(), "invitegate_worker_events_applied_total")
        : 0;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Map<EmailKey, InvitationDocument> stored(
      InvitationLedger ledger, Workload workload) {
    Map<EmailKey, InvitationDocument> stored = new HashMap<>();
    for (EmailKey key : workload.expected().keySet()) {
      ledger.read(key).map(Versioned::value).ifPresent(document -> stored.put(key, document));
    }
    return stored;
  }
}
