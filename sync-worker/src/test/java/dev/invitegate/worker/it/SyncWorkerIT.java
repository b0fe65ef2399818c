package dev.invitegate.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.ParseResult;
import dev.invitegate.contracts.samples.GoldenSamples;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.ServiceBusControl.QueueStats;
import dev.invitegate.worker.SyncWorker;
import dev.invitegate.worker.WorkerSettings;
import dev.invitegate.worker.projection.InvitationLedger;
import dev.invitegate.worker.projection.Versioned;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker in-process, through the real SDKs, against the local emulators. */
@ExtendWith(LocalAzureExtension.class)
class SyncWorkerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalWorld world;

  @BeforeAll
  static void openWorld(LocalEmulators emulators) {
    world = new LocalWorld(emulators);
  }

  @AfterAll
  static void closeWorld() {
    world.close();
  }

  @Test
  void projectsEveryPublishedEvent_intoTheDocumentsTheContractDefines() {
    String queue = world.newQueue(Duration.ofSeconds(30), 10);
    String container = LocalWorld.newContainerName();
    List<byte[]> distinct = new ArrayList<>();
    for (String sample : GoldenSamples.list("events/valid")) {
      distinct.add(GoldenSamples.read(sample).getBytes(StandardCharsets.UTF_8));
    }
    Workload generated = Workload.generate("projects.example", 60, 5, 0, 1L);
    List<byte[]> all = new ArrayList<>(distinct);
    all.addAll(generated.bodies());
    Workload workload = Workload.of(all, 0.2, new Random(2L));

    try (SyncWorker worker = SyncWorker.start(settings(queue, container))) {
      world.publish(queue, workload.bodies());
      InvitationLedger ledger = world.ledger(container);

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> world.emulators().serviceBus().queueStats(queue).equals(EMPTY));
      assertThat(stored(ledger, workload)).isEqualTo(workload.expected());

      // A message leaves the queue when it is settled, a moment before its outcome is counted.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                String m = world.admin(worker.adminPort(), "/metrics").getValue();
                return LocalWorld.metric(m, "invitegate_worker_events_applied_total")
                        + LocalWorld.metric(m, "invitegate_worker_events_stale_total")
                    >= workload.bodies().size();
              });
      String metrics = world.admin(worker.adminPort(), "/metrics").getValue();
      double applied = LocalWorld.metric(metrics, "invitegate_worker_events_applied_total");
      double stale = LocalWorld.metric(metrics, "invitegate_worker_events_stale_total");
      assertThat(applied + stale).isEqualTo(workload.bodies().size());
      assertThat(applied).isGreaterThan(0).isLessThanOrEqualTo(workload.distinctEvents());
      assertThat(LocalWorld.metric(metrics, "invitegate_worker_enqueue_to_applied_seconds_count"))
          .isEqualTo(applied);
      assertThat(world.admin(worker.adminPort(), "/health/ready").getKey()).isEqualTo(200);
      assertThat(world.admin(worker.adminPort(), "/health/live").getKey()).isEqualTo(200);
    }
  }

  @Test
  void deadLettersPoisonAtOnce_withTheReasonCodeAndWhatIsWrong() throws Exception {
    String queue = world.newQueue(Duration.ofSeconds(30), 10);
    String container = LocalWorld.newContainerName();
    List<String> invalid =
        GoldenSamples.list("events/invalid").stream()
            .filter(path -> !path.endsWith(".expected.json"))
            .toList();
    Map<String, String> expectedReasonByBody = new HashMap<>();
    Map<String, String> expectedDescriptionByBody = new HashMap<>();
    List<byte[]> bodies = new ArrayList<>();
    InvitationEventParser parser = new InvitationEventParser();
    for (String path : invalid) {
      String body = GoldenSamples.read(path);
      JsonNode expected =
          JSON.readTree(GoldenSamples.read(path.replace(".json", ".expected.json")));
      expectedReasonByBody.put(body, expected.get("code").asText());
      expectedDescriptionByBody.put(body, ((ParseResult.Invalid) parser.parse(body)).description());
      bodies.add(body.getBytes(StandardCharsets.UTF_8));
    }
    bodies.add(
        GoldenSamples.read("events/valid/granted-all-apps.json").getBytes(StandardCharsets.UTF_8));

    try (SyncWorker worker = SyncWorker.start(settings(queue, container))) {
      world.publish(queue, bodies);

      List<ServiceBusReceivedMessage> deadLettered =
          world.deadLetters(queue, invalid.size(), Duration.ofSeconds(30));

      assertThat(deadLettered).hasSize(invalid.size());
      for (ServiceBusReceivedMessage message : deadLettered) {
        String body = message.getBody().toString();
        assertThat(message.getDeadLetterReason()).isEqualTo(expectedReasonByBody.get(body));
        assertThat(message.getDeadLetterErrorDescription())
            .isEqualTo(expectedDescriptionByBody.get(body))
            .isNotBlank();
        assertThat(message.getDeliveryCount()).as("dead-lettered on first delivery").isZero();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> world.emulators().serviceBus().queueStats(queue).equals(EMPTY));
      // Settlement comes before the counters move: wait for them rather than read them once.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                String metrics = world.admin(worker.adminPort(), "/metrics").getValue();
                assertThat(
                        LocalWorld.metric(
                            metrics,
                            "invitegate_worker_events_dead_lettered_total{reason=\"InvalidEvent\"}"))
                    .isPositive();
                assertThat(LocalWorld.metric(metrics, "invitegate_worker_events_applied_total"))
                    .isEqualTo(1);
              });
    }
  }

  @Test
  void retriesAndAppliesEverything_whenCosmosIsUnavailableForAWhile() {
    String queue = world.newQueue(Duration.ofSeconds(30), 100);
    String container = LocalWorld.newContainerName();
    Workload workload = Workload.generate("outage.example", 40, 3, 0.1, 3L);

    try (SyncWorker worker = SyncWorker.start(settings(queue, container))) {
      InvitationLedger ledger = world.ledger(container);
      world.emulators().cosmos().failWith(503, Duration.ofSeconds(4));
      world.publish(queue, workload.bodies());

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  LocalWorld.metric(
                          world.admin(worker.adminPort(), "/metrics").getValue(),
                          "invitegate_worker_events_abandoned_total{cause=\"transient\"}")
                      > 0);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> world.emulators().serviceBus().queueStats(queue).equals(EMPTY));
      assertThat(stored(ledger, workload)).isEqualTo(workload.expected());
      assertThat(worker.ready()).isTrue();
    } finally {
      world.emulators().cosmos().clearFaults();
    }
  }

  @Test
  void stopsWithAClearReasonAndKeepsTheMessage_whenCosmosRejectsTheCredentials() throws Exception {
    String queue = world.newQueue(Duration.ofSeconds(30), 10);
    String container = LocalWorld.newContainerName();

    try (SyncWorker worker = SyncWorker.start(settings(queue, container))) {
      world.emulators().cosmos().failWith(401, Duration.ofSeconds(30));
      world.publish(
          queue,
          List.of(
              GoldenSamples.read("events/valid/granted-all-apps.json")
                  .getBytes(StandardCharsets.UTF_8)));

      assertThat(worker.awaitFatal(Duration.ofSeconds(20)))
          .hasValueSatisfying(reason -> assertThat(reason).contains("401").contains("credentials"));
      assertThat(worker.ready()).isFalse();
      assertThat(world.admin(worker.adminPort(), "/health/live").getKey()).isEqualTo(503);
    } finally {
      world.emulators().cosmos().clearFaults();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              QueueStats stats = world.emulators().serviceBus().queueStats(queue);
              assertThat(stats.active() + stats.locked()).as("given back, not lost").isOne();
              assertThat(stats.deadLettered()).isZero();
            });
  }

  @Test
  void stopsWithAClearReason_whenTheQueueIsDeletedWhileRunning() throws Exception {
    String queue = world.newQueue(Duration.ofSeconds(30), 10);

    try (SyncWorker worker = SyncWorker.start(settings(queue, LocalWorld.newContainerName()))) {
      world.emulators().serviceBus().deleteQueue(queue);

      assertThat(worker.awaitFatal(Duration.ofSeconds(30)))
          .hasValueSatisfying(reason -> assertThat(reason).contains(queue));
    }
  }

  @Test
  void refusesToStartNamingTheContainer_whenItIsMissingAndCreationIsOff() {
    String queue = world.newQueue(Duration.ofSeconds(30), 10);
    Map<String, String> env = world.workerEnvironment(queue, "no-such-container");
    env.put("INVITEGATE_COSMOS_CREATE_IF_MISSING", "false");

    assertThatThrownBy(() -> SyncWorker.start(WorkerSettings.from(env)).close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'no-such-container'")
        .hasMessageContaining("does not exist");
  }

  @Test
  void refusesToStartNamingTheQueue_whenItDoesNotExist() {
    Map<String, String> env =
        world.workerEnvironment("no-such-queue", LocalWorld.newContainerName());

    assertThatThrownBy(() -> SyncWorker.start(WorkerSettings.from(env)).close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'no-such-queue'")
        .hasMessageContaining("does not exist");
  }

  private static final QueueStats EMPTY = new QueueStats(0, 0, 0);

  private static WorkerSettings settings(String queue, String container) {
    return WorkerSettings.from(world.workerEnvironment(queue, container));
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
