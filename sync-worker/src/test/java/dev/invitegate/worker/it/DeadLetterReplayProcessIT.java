package dev.invitegate.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.ParseResult;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.ServiceBusControl.QueueStats;
import dev.invitegate.worker.SyncWorker;
import dev.invitegate.worker.WorkerSettings;
import dev.invitegate.worker.it.DeadLetterFixtures.Run;
import dev.invitegate.worker.projection.InvitationLedger;
import dev.invitegate.worker.projection.Versioned;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code java -jar sync-worker.jar dlq ...} as operators run it: a child process. */
@ExtendWith(LocalAzureExtension.class)
class DeadLetterReplayProcessIT {

  private static final Path JAR =
      Path.of(System.getProperty("worker.jar", "target/sync-worker.jar"));
  private static final Duration LOCK = Duration.ofSeconds(4);
  private static final int EVENTS = 3_000;
  private static final InvitationEventParser PARSER = new InvitationEventParser();
  private static LocalWorld world;
  private static DeadLetterFixtures fixtures;
  private Process child;

  @BeforeAll
  static void openWorld(LocalEmulators emulators) {
    assertThat(JAR).as("the fat jar is built in the package phase").exists();
    world = new LocalWorld(emulators);
    fixtures = new DeadLetterFixtures(world);
  }

  @AfterAll
  static void closeWorld() {
    world.close();
  }

  @AfterEach
  void killChild() {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
    }
  }

  @Test
  void losesNoEventAndSendsTwiceOnlyWhatWasInFlight_whenAReplayIsKilledMidwayAndRunAgain()
      throws Exception {
    String queue = world.newQueue(LOCK, 10);
    String container = LocalWorld.newContainerName();
    Map<String, String> env = world.workerEnvironment(queue, container);
    Workload workload = Workload.generate("replay-kill.example", EVENTS / 2, 2, 0, 11L);
    fixtures.deadLetter(queue, workload.bodies(), "MaxDeliveryCountExceeded", Map.of());
    Set<String> all = eventIds(fixtures.peekAll(queue, true));
    assertThat(all).hasSize(EVENTS);

    child = start(env, "replay-kill", "dlq", "replay", "--all");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> world.emulators().serviceBus().queueStats(queue).active() >= 300);
    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

    QueueStats atKill = world.emulators().serviceBus().queueStats(queue);
    assertThat(atKill.deadLettered()).as("the kill must land mid-way").isPositive();
    Set<String> inQueue = eventIds(fixtures.peekAll(queue, false));
    Set<String> stillDeadLettered = eventIds(fixtures.peekAll(queue, true));
    Set<String> sentAndStillThere = new HashSet<>(inQueue);
    sentAndStillThere.retainAll(stillDeadLettered);
    Set<String> union = new HashSet<>(inQueue);
    union.addAll(stillDeadLettered);
    assertThat(union).as("none lost").isEqualTo(all);
    assertThat(sentAndStillThere.size())
        .as("the dead-letter queue holds only what was never sent, but the batch in flight")
        .isLessThanOrEqualTo(100);

    // What the killed run held stays locked until the queue's lock duration has passed.
    Thread.sleep(LOCK.plusSeconds(1).toMillis());
    Run again = DeadLetterFixtures.command(env, "dlq", "replay", "--all");
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();

    assertThat(world.emulators().serviceBus().queueStats(queue).deadLettered()).isZero();
    List<ServiceBusReceivedMessage> copies = fixtures.peekAll(queue, false);
    Map<String, Long> copiesPerEvent =
        copies.stream()
            .collect(
                Collectors.groupingBy(DeadLetterReplayProcessIT::eventId, Collectors.counting()));
    assertThat(copiesPerEvent.keySet()).isEqualTo(all);
    copiesPerEvent.forEach(
        (id, count) -> {
          if (count > 1) {
            assertThat(sentAndStillThere)
                .as("sent twice only if in flight at the kill")
                .contains(id);
            assertThat(count).isEqualTo(2);
          }
        });

    try (SyncWorker worker = SyncWorker.start(WorkerSettings.from(env))) {
      assertThat(worker.ready()).isTrue();
      InvitationLedger ledger = world.ledger(container);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  world.emulators().serviceBus().queueStats(queue).equals(new QueueStats(0, 0, 0)));
      Map<EmailKey, InvitationDocument> stored = new HashMap<>();
      for (EmailKey key : workload.expected().keySet()) {
        ledger.read(key).map(Versioned::value).ifPresent(document -> stored.put(key, document));
      }
      assertThat(stored).as("every event projected").isEqualTo(workload.expected());
    }
  }

  @Test
  void exitsTwoWithOneLineAndNoStackTrace_onUsageAndConfigurationErrors() throws Exception {
    Map<String, String> env = world.workerEnvironment("no-such-queue", "unused");

    child = start(env, "missing-queue", "dlq", "list");
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(2);
    assertThat(errorLines("missing-queue"))
        .containsExactly(
            "java -jar sync-worker.jar dlq list: Service Bus queue 'no-such-queue' does not exist"
                + " or is disabled (check INVITEGATE_SERVICEBUS_QUEUE)");

    child = start(Map.of(), "no-settings", "dlq", "replay", "--all");
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(2);
    assertThat(errorLines("no-settings"))
        .singleElement()
        .asString()
        .contains("INVITEGATE_SERVICEBUS_CONNECTION_STRING");

    child = start(env, "usage", "dlq", "replay", "--all", "17");
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(2);
    assertThat(errorLines("usage").getFirst()).isEqualTo("Unmatched argument at index 3: '17'");
  }

  /** What the child wrote on stderr, but the JVM's own warnings; never a stack trace. */
  private static List<String> errorLines(String name) throws IOException {
    List<String> lines =
        Files.readAllLines(logs().resolve(name + ".err.log"), StandardCharsets.UTF_8).stream()
            .filter(line -> !line.startsWith("WARNING: "))
            .toList();
    assertThat(lines)
        .as("no stack trace")
        .noneMatch(line -> line.matches("\\s+at \\S+\\(.*") || line.startsWith("Caused by"));
    return lines.stream().filter(line -> !line.isBlank()).toList();
  }

  private static Process start(Map<String, String> env, String name, String... args)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(logs().resolve(name + ".out.log").toFile())
            .redirectError(logs().resolve(name + ".err.log").toFile());
    // Only what the test gives: none of the INVITEGATE_* variables of the shell that runs it.
    builder.environment().keySet().removeIf(variable -> variable.startsWith("INVITEGATE_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private static Path logs() {
    try {
      return Files.createDirectories(Path.of("target", "dlq-process-logs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> eventIds(List<ServiceBusReceivedMessage> messages) {
    return messages.stream().map(DeadLetterReplayProcessIT::eventId).collect(Collectors.toSet());
  }

  private static String eventId(ServiceBusReceivedMessage message) {
    return ((ParseResult.Parsed) PARSER.parse(message.getBody().toBytes())).event().id();
  }
}
