package dev.invitegate.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.samples.GoldenSamples;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.ServiceBusControl.QueueStats;
import dev.invitegate.worker.SyncWorker;
import dev.invitegate.worker.WorkerSettings;
import dev.invitegate.worker.deadletter.DeadLetter;
import dev.invitegate.worker.deadletter.Replays;
import dev.invitegate.worker.it.DeadLetterFixtures.Run;
import dev.invitegate.worker.projection.Events;
import dev.invitegate.worker.projection.InvitationLedger;
import dev.invitegate.worker.projection.Versioned;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code dlq list, show, replay, purge} in-process through the real SDK against the local
 * stand-ins, with the worker running where the workflow needs it.
 */
@ExtendWith(LocalAzureExtension.class)
class DeadLetterCommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static LocalWorld world;
  private static DeadLetterFixtures fixtures;

  @BeforeAll
  static void openWorld(LocalEmulators emulators) {
    world = new LocalWorld(emulators);
    fixtures = new DeadLetterFixtures(world);
  }

  @AfterAll
  static void closeWorld() {
    world.close();
  }

  @Test
  void listsShowsAndReplaysPoisonAndTransientlyFailedEvents_projectingOnlyWhatIsValidNow()
      throws Exception {
    String queue = world.newQueue(Duration.ofSeconds(10), 3);
    String container = LocalWorld.newContainerName();
    Map<String, String> env = world.workerEnvironment(queue, container);
    byte[] storedNewer = Events.granted("stale-2", "stale@example.org", Optional.empty(), T);
    byte[] olderRevoke =
        Events.revoked("stale-1", "stale@example.org", Optional.empty(), T.minusSeconds(60));
    List<byte[]> transientlyFailing =
        List.of(
            Events.granted("alice-1", "alice@example.org", Optional.empty(), T),
            Events.revoked("bob-1", "bob@example.org", Optional.empty(), T),
            Events.granted(
                "carol-1",
                "carol@example.org",
                Optional.of("6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917"),
                T),
            olderRevoke);
    List<byte[]> poison =
        List.of(
            sample("events/invalid/malformed-json.json"),
            sample("events/invalid/unsupported-type.json"),
            sample("events/invalid/bad-email.json"));

    try (SyncWorker worker = SyncWorker.start(WorkerSettings.from(env))) {
      assertThat(worker.ready()).isTrue();
      InvitationLedger ledger = world.ledger(container);
      world.publish(queue, List.of(storedNewer));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ledger.read(EmailKey.of("stale@example.org")).isPresent());
      Optional<InvitationDocument> staleBefore = document(ledger, "stale@example.org");

      // The store is down until max delivery: the valid events end dead-lettered too.
      world.emulators().cosmos().failWith(503, Duration.ofMinutes(3));
      try {
        world.publish(queue, poison);
        world.publish(queue, transientlyFailing);
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> world.emulators().serviceBus().queueStats(queue).equals(stats(0, 0, 7)));
      } finally {
        world.emulators().cosmos().clearFaults();
      }

      Run list = DeadLetterFixtures.command(env, "dlq", "list", "--json");
      assertThat(list.exitCode()).isZero();
      List<JsonNode> listed = jsonLines(list.out());
      assertThat(listed).hasSize(8);
      assertThat(listed.getLast().get("summary").get("listed").asInt()).isEqualTo(7);
      Map<String, Long> reasons =
          listed.subList(0, 7).stream()
              .collect(Collectors.groupingBy(m -> m.get("reason").asText(), Collectors.counting()));
      assertThat(reasons)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "MalformedJson", 1L,
                  "UnsupportedType", 1L,
                  "InvalidEvent", 1L,
                  "MaxDeliveryCountExceeded", 4L));
      assertThat(list.out())
          .as("emails masked")
          .doesNotContain("alice@example.org", "bob@example.org", "dave@example.com")
          .contains("a***@example.org");

      Run table = DeadLetterFixtures.command(env, "dlq", "list");
      assertThat(table.out())
          .startsWith("SEQ")
          .contains("MalformedJson", "UnsupportedType", "InvalidEvent", "MaxDeliveryCountExceeded")
          .contains("7 listed of 7 dead-lettered messages peeked");

      assertThat(eventIds(env, "--type", "revoked")).containsExactlyInAnyOrder("bob-1", "stale-1");
      assertThat(eventIds(env, "--email", " Alice@Example.org")).containsExactly("alice-1");
      assertThat(eventIds(env, "--email", "dave@example.com"))
          .as("a poison event found by the email its JSON still holds")
          .containsExactly("evt-invalid-1");
      assertThat(eventIds(env, "--reason", "invalidevent")).containsExactly("evt-invalid-1");
      assertThat(eventIds(env, "--reason", "MaxDeliveryCountExceeded", "--type", "granted"))
          .containsExactlyInAnyOrder("alice-1", "carol-1");

      long badEmail =
          listed.stream()
              .filter(m -> "InvalidEvent".equals(m.path("reason").asText()))
              .findFirst()
              .orElseThrow()
              .get("sequenceNumber")
              .asLong();
      Run show = DeadLetterFixtures.command(env, "dlq", "show", Long.toString(badEmail));
      assertThat(show.exitCode()).isZero();
      assertThat(show.out())
          .contains("Message #" + badEmail)
          .contains("invalid: InvalidEvent, 1 violation")
          .contains("data.email  not an email address (missing '@')")
          .contains("\"email\" : \"dave.example.com\"");

      Run replay = DeadLetterFixtures.command(env, "dlq", "replay", "--all");
      assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
      assertThat(replay.out()).contains("7 selected, 7 replayed");

      // The transient ones are projected; the poison ones are dead-lettered again, with reasons.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> world.emulators().serviceBus().queueStats(queue).equals(stats(0, 0, 3)));
      Workload projected =
          Workload.of(
              List.of(
                  storedNewer,
                  olderRevoke,
                  transientlyFailing.get(0),
                  transientlyFailing.get(1),
                  transientlyFailing.get(2)),
              0,
              new Random(1));
      for (Map.Entry<EmailKey, InvitationDocument> expected : projected.expected().entrySet()) {
        assertThat(ledger.read(expected.getKey()).map(Versioned::value))
            .contains(expected.getValue());
      }
      assertThat(document(ledger, "stale@example.org"))
          .as("an event older than the stored state changes nothing")
          .isEqualTo(staleBefore);
      List<ServiceBusReceivedMessage> again = fixtures.peekAll(queue, true);
      assertThat(again)
          .extracting(ServiceBusReceivedMessage::getDeadLetterReason)
          .containsExactlyInAnyOrder("MalformedJson", "UnsupportedType", "InvalidEvent");
      for (ServiceBusReceivedMessage message : again) {
        assertThat(message.getApplicationProperties())
            .containsEntry("ReplayCount", 1L)
            .containsEntry("OriginalDeadLetterReason", message.getDeadLetterReason());
      }
    }
  }

  @Test
  void replaysOnlyTheChosenMessage_withItsPropertiesAndANewId_andGivesTheOthersBack() {
    String queue = world.newQueue(Duration.ofSeconds(30), 10);
    Map<String, String> env = world.workerEnvironment(queue, "unused");
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      bodies.add(Events.granted("e-" + i, "u" + i + "@example.org", Optional.empty(), T));
    }
    fixtures.deadLetter(queue, bodies, "MaxDeliveryCountExceeded", Map.of("tenant", "contoso"));
    List<ServiceBusReceivedMessage> before = fixtures.peekAll(queue, true);
    ServiceBusReceivedMessage chosen = before.get(3);

    Run replay =
        DeadLetterFixtures.command(
            env, "dlq", "replay", Long.toString(chosen.getSequenceNumber()), "--json");

    assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
    List<JsonNode> lines = jsonLines(replay.out());
    assertThat(lines.getFirst().get("outcome").asText()).isEqualTo("replayed");
    assertThat(lines.getFirst().get("eventId").asText()).isEqualTo("e-3");
    assertThat(lines.getLast().get("summary").get("replayed").asInt()).isOne();
    List<ServiceBusReceivedMessage> copies = fixtures.peekAll(queue, false);
    assertThat(copies).hasSize(1);
    ServiceBusReceivedMessage copy = copies.getFirst();
    assertThat(copy.getBody().toBytes()).isEqualTo(chosen.getBody().toBytes());
    assertThat(copy.getContentType()).isEqualTo("application/cloudevents+json");
    assertThat(copy.getMessageId()).isNotEqualTo(chosen.getMessageId());
    assertThat(copy.getApplicationProperties())
        .containsEntry("tenant", "contoso")
        .containsEntry("ReplayCount", 1L)
        .containsEntry("OriginalSequenceNumber", chosen.getSequenceNumber())
        .containsEntry("OriginalDeadLetterReason", "MaxDeliveryCountExceeded")
        .doesNotContainKeys("DeadLetterReason", "DeadLetterErrorDescription");
    // The other four are dead-lettered still, and none is left locked: all receivable at once.
    assertThat(world.deadLetters(queue, 4, Duration.ofSeconds(5)))
        .extracting(ServiceBusReceivedMessage::getSequenceNumber)
        .containsExactlyInAnyOrderElementsOf(
            before.stream()
                .map(ServiceBusReceivedMessage::getSequenceNumber)
                .filter(n -> n != chosen.getSequenceNumber())
                .toList());
  }

  @Test
  void replaysPastDuplicateDetection_whileACopySentAgainAfterAnInterruptedRunIsDropped() {
    String queue = "q-" + UUID.randomUUID();
    world
        .emulators()
        .serviceBus()
        .createQueue(queue, Duration.ofSeconds(30), 10, Duration.ofMinutes(10));
    Map<String, String> env = world.workerEnvironment(queue, "unused");
    fixtures.deadLetter(
        queue,
        List.of(
            Events.granted("first", "f@example.org", Optional.empty(), T),
            Events.granted("second", "s@example.org", Optional.empty(), T)),
        "MaxDeliveryCountExceeded",
        Map.of());
    // A run that sent the copy of the second and was killed before it could remove it.
    ServiceBusReceivedMessage second = fixtures.peekAll(queue, true).get(1);
    String copyId =
        Replays.messageId(
            queue,
            new DeadLetter(
                second.getSequenceNumber(),
                second.getMessageId(),
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                second.getApplicationProperties(),
                new byte[0]));
    try (ServiceBusSenderClient sender = world.sender(queue)) {
      sender.sendMessage(new ServiceBusMessage(second.getBody()).setMessageId(copyId));
    }

    Run replay = DeadLetterFixtures.command(env, "dlq", "replay", "--all");

    assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
    // The original ids were sent within the window too: had the copies kept them, none would be in
    // the queue. The second's copy is in it once: the copy sent again was dropped as a duplicate.
    assertThat(fixtures.peekAll(queue, false))
        .extracting(m -> m.getBody().toString())
        .hasSize(2)
        .anySatisfy(body -> assertThat(body).contains("\"first\""))
        .anySatisfy(body -> assertThat(body).contains("\"second\""));
    assertThat(world.emulators().serviceBus().queueStats(queue).deadLettered()).isZero();
  }

  @Test
  void skipsAndReportsMessagesReplayedAsOftenAsAllowed_unlessForced() {
    String queue = world.newQueue(Duration.ofSeconds(30), 10);
    Map<String, String> env = world.workerEnvironment(queue, "unused");
    fixtures.deadLetter(
        queue,
        List.of(Events.granted("tired", "t@example.org", Optional.empty(), T)),
        "InvalidEvent",
        Map.of("ReplayCount", 3));
    fixtures.deadLetter(
        queue,
        List.of(Events.granted("fresh", "f@example.org", Optional.empty(), T)),
        "InvalidEvent",
        Map.of());

    Run dryRun = DeadLetterFixtures.command(env, "dlq", "replay", "--all", "--dry-run");
    assertThat(dryRun.exitCode()).isZero();
    assertThat(dryRun.out()).contains("would replay", "fresh", "would skip", "tired");
    assertThat(world.emulators().serviceBus().queueStats(queue)).isEqualTo(stats(0, 0, 2));

    Run replay = DeadLetterFixtures.command(env, "dlq", "replay", "--all");
    assertThat(replay.exitCode()).isEqualTo(1);
    assertThat(replay.out())
        .contains("skipped", "tired", "replayed 3 times already (--max-replays 3)")
        .contains("2 selected, 1 replayed, 1 skipped");

    Run forced = DeadLetterFixtures.command(env, "dlq", "replay", "--all", "--force");
    assertThat(forced.exitCode()).isZero();
    assertThat(world.emulators().serviceBus().queueStats(queue)).isEqualTo(stats(2, 0, 0));
    assertThat(fixtures.peekAll(queue, false))
        .extracting(m -> m.getApplicationProperties().get("ReplayCount"))
        .containsExactlyInAnyOrder(1L, 4L);
  }

  @Test
  void purgeSaysWhatItWouldDelete_andDeletesOnlyWithYesPrintingEachEventId() {
    String queue = world.newQueue(Duration.ofSeconds(30), 10);
    Map<String, String> env = world.workerEnvironment(queue, "unused");
    fixtures.deadLetter(
        queue,
        List.of(
            Events.granted("keep", "k@example.org", Optional.empty(), T),
            Events.revoked("drop-1", "d@example.org", Optional.empty(), T)),
        "MaxDeliveryCountExceeded",
        Map.of());
    fixtures.deadLetter(
        queue,
        List.of(Events.revoked("drop-2", "d@example.org", Optional.empty(), T)),
        "InvalidEvent",
        Map.of());

    Run preview = DeadLetterFixtures.command(env, "dlq", "purge", "--type", "revoked");
    assertThat(preview.exitCode()).isZero();
    assertThat(preview.out()).contains("would delete", "drop-1", "drop-2", "--yes");
    assertThat(world.emulators().serviceBus().queueStats(queue).deadLettered()).isEqualTo(3);

    Run tooYoung = DeadLetterFixtures.command(env, "dlq", "purge", "--older-than", "1h", "--yes");
    assertThat(tooYoung.out()).contains("0 selected");

    Run purge = DeadLetterFixtures.command(env, "dlq", "purge", "--type", "revoked", "--yes");
    assertThat(purge.exitCode()).isZero();
    assertThat(purge.out())
        .contains("deleted", "drop-1", "drop-2")
        .contains("2 selected, 2 deleted")
        .doesNotContain("keep");
    assertThat(fixtures.peekAll(queue, true))
        .extracting(m -> new String(m.getBody().toBytes(), StandardCharsets.UTF_8))
        .singleElement()
        .asString()
        .contains("\"keep\"");
  }

  @Test
  void exitsTwoNamingTheQueue_whenItDoesNotExist() {
    Map<String, String> env = world.workerEnvironment("no-such-queue", "unused");

    for (String[] args :
        List.of(
            new String[] {"dlq", "list"},
            new String[] {"dlq", "show", "1"},
            new String[] {"dlq", "replay", "--all"},
            new String[] {"dlq", "purge", "--yes"})) {
      Run run = DeadLetterFixtures.command(env, args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err())
          .contains(
              "'no-such-queue' does not exist or is disabled (check INVITEGATE_SERVICEBUS_QUEUE)")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void showSaysSoAndExitsOne_whenTheSequenceNumberIsNotDeadLettered() {
    String queue = world.newQueue(Duration.ofSeconds(30), 10);

    Run run =
        DeadLetterFixtures.command(world.workerEnvironment(queue, "unused"), "dlq", "show", "42");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no message #42 in " + queue + "/$deadletterqueue");
  }

  private static List<String> eventIds(Map<String, String> env, String... filters) {
    List<String> args = new ArrayList<>(List.of("dlq", "list", "--json"));
    args.addAll(List.of(filters));
    Run run = DeadLetterFixtures.command(env, args.toArray(String[]::new));
    assertThat(run.exitCode()).isZero();
    return jsonLines(run.out()).stream()
        .filter(line -> !line.has("summary"))
        .map(line -> line.path("eventId").asText())
        .toList();
  }

  private static List<JsonNode> jsonLines(String out) {
    return out.lines()
        .map(
            line -> {
              try {
                return JSON.readTree(line);
              } catch (java.io.IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
              }
            })
        .toList();
  }

  private static byte[] sample(String path) {
    return GoldenSamples.read(path).getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<InvitationDocument> document(InvitationLedger ledger, String email) {
    return ledger.read(EmailKey.of(email)).map(Versioned::value);
  }

  private static QueueStats stats(long active, long locked, long deadLettered) {
    return new QueueStats(active, locked, deadLettered);
  }
}
