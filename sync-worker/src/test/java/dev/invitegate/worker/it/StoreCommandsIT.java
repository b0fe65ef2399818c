package dev.invitegate.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationStatus;
import dev.invitegate.contracts.ScopeEntry;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.ServiceBusControl.QueueStats;
import dev.invitegate.worker.SyncWorker;
import dev.invitegate.worker.WorkerSettings;
import dev.invitegate.worker.cli.CommandLineRun;
import dev.invitegate.worker.projection.InvitationLedger;
import dev.invitegate.worker.projection.Versioned;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' commands on events and on the store, run in-process as {@code main} runs them,
 * through the real SDKs against the local emulators, with a worker projecting what they publish.
 */
@ExtendWith(LocalAzureExtension.class)
class StoreCommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final QueueStats EMPTY = new QueueStats(0, 0, 0);
  private static final Instant FILE_TIME = Instant.parse("2026-03-01T09:00:00Z");
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC);
  private static final List<String> APPLICATIONS =
      Arrays.asList(
          null, AllowListFile.APP_1, AllowListFile.APP_2, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");

  private static LocalWorld world;

  @TempDir Path dir;

  @BeforeAll
  static void openWorld(LocalEmulators emulators) {
    world = new LocalWorld(emulators);
  }

  @AfterAll
  static void closeWorld() {
    world.close();
  }

  @Test
  void inviteAndRevoke_publishEventsAWorkerProjects_asTheyWereTyped() throws Exception {
    Store store = Store.start();
    try (SyncWorker worker = store.worker()) {
      assertThat(worker.ready()).isTrue();
      CommandLineRun invite =
          store.run(
              "invite",
              "Alice@Example.com",
              "--attribute",
              "displayName=Alice Example",
              "--attribute",
              "CohortYear:int64=2025",
              "--attribute",
              "IsAlumnus:boolean=true",
              "--attribute",
              "InviteCode=K7Q2-M9XD",
              "--lock",
              "displayName",
              "--role",
              "beta",
              "--expires-in",
              "30d",
              "--json");
      assertThat(invite.exitCode()).as(invite.all()).isZero();
      JsonNode sent = JSON.readTree(invite.out());
      assertThat(invite.out()).doesNotContain("K7Q2-M9XD");
      String grantId = sent.get("eventId").asText();

      ScopeEntry grant = store.awaitEntry("alice@example.com", "*", grantId);
      assertThat(grant.attributes())
          .containsEntry("displayName", "Alice Example")
          .containsEntry("CohortYear", 2025L)
          .containsEntry("IsAlumnus", true)
          .containsEntry("InviteCode", "K7Q2-M9XD");
      assertThat(grant.lockedAttributes()).containsExactly("displayName");
      assertThat(grant.roles()).containsExactly("beta");
      assertThat(grant.expiresAt()).hasValue(NOW.instant().plus(Duration.ofDays(30)));

      CommandLineRun revoke =
          store.run("revoke", "alice@example.com", "--application", AllowListFile.APP_1);
      assertThat(revoke.exitCode()).as(revoke.all()).isZero();
      String revokeId =
          revoke
              .out()
              .lines()
              .filter(l -> l.startsWith("eventId"))
              .findFirst()
              .orElseThrow()
              .split("\\s+")[1];
      store.awaitEntry("alice@example.com", AllowListFile.APP_1, revokeId);

      InvitationDocument document = store.read(EmailKey.of("alice@example.com")).orElseThrow();
      // The revoke is dated like the grant (a fixed clock), so the ids decide; either way both
      // entries are there and each application's decision follows the contract.
      assertThat(document.scopes()).containsOnlyKeys("*", AllowListFile.APP_1);
      assertThat(document.decide(null, NOW.instant())).isInstanceOf(InvitationStatus.Invited.class);
    }
  }

  @Test
  void importOfTenThousandRows_landsEveryGoodRowAsProjectionExpects_andASecondRunChangesNothing() {
    AllowListFile file =
        AllowListFile.generate(
            dir.resolve("allow-list.csv"), "import.example", 10_000, FILE_TIME, 11L);
    Store store = Store.start();
    try (SyncWorker worker = store.worker()) {
      assertThat(worker.ready()).isTrue();
      CommandLineRun first =
          store.run("import", file.path().toString(), "--time", FILE_TIME.toString());

      assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
      List<String> reported = first.out().lines().filter(text -> text.startsWith("line ")).toList();
      assertThat(reported).hasSize(file.badLines().size());
      file.badLines()
          .forEach(
              (line, reason) ->
                  assertThat(reported)
                      .anySatisfy(
                          text ->
                              assertThat(text).startsWith("line " + line + "  ").contains(reason)));
      assertThat(first.out()).contains("sent     " + file.goodRows() + " events");
      assertThat(first.out()).contains("invalid  " + file.badLines().size() + " rows, skipped");
      assertThat(first.all()).doesNotContainIgnoringCase("user1@");
      store.awaitSettled();
      Map<EmailKey, Versioned<InvitationDocument>> afterFirst =
          store.readAll(file.expected().keySet());
      file.expected()
          .forEach(
              (email, expected) ->
                  assertThat(AllowListFile.matches(expected, afterFirst.get(email).value()))
                      .as("document of %s: %s", email.value(), afterFirst.get(email).value())
                      .isTrue());

      CommandLineRun second =
          store.run("import", file.path().toString(), "--time", FILE_TIME.toString(), "--json");
      assertThat(second.exitCode()).isEqualTo(1);
      store.awaitSettled();
      assertThat(store.readAll(file.expected().keySet()))
          .as("ETags and documents")
          .isEqualTo(afterFirst);
    }
  }

  @Test
  void exportThenImportIntoAnEmptyStore_givesTheSameDocumentsAndDecisions() throws Exception {
    AllowListFile file =
        AllowListFile.generate(dir.resolve("source.csv"), "export.example", 2_000, FILE_TIME, 12L);
    Store source = Store.start();
    Store target = Store.start();
    Path exported = dir.resolve("exported.csv");
    try (SyncWorker sourceWorker = source.worker()) {
      assertThat(sourceWorker.ready()).isTrue();
      source.run("import", file.path().toString(), "--time", FILE_TIME.toString());
      source.awaitSettled();

      CommandLineRun export = source.run("export", "--output", exported.toString());
      assertThat(export.exitCode()).as(export.all()).isZero();
      assertThat(export.out()).contains("documents  " + file.expected().size() + " read");

      Map<EmailKey, Versioned<InvitationDocument>> before =
          source.readAll(file.expected().keySet());
      CommandLineRun again = source.run("import", exported.toString());
      assertThat(again.exitCode()).as(again.all()).isZero();
      source.awaitSettled();
      assertThat(source.readAll(file.expected().keySet()))
          .as("importing the export back")
          .isEqualTo(before);
    }
    try (SyncWorker targetWorker = target.worker()) {
      assertThat(targetWorker.ready()).isTrue();
      CommandLineRun imported =
          target.run("import", exported.toString(), "--application", AllowListFile.APP_2);
      assertThat(imported.exitCode()).as(imported.all()).isZero();
      target.awaitSettled();
    }

    Map<EmailKey, Versioned<InvitationDocument>> sourceDocuments =
        source.readAll(file.expected().keySet());
    Map<EmailKey, Versioned<InvitationDocument>> targetDocuments =
        target.readAll(file.expected().keySet());
    for (EmailKey email : file.expected().keySet()) {
      InvitationDocument was = sourceDocuments.get(email).value();
      InvitationDocument is = targetDocuments.get(email).value();
      assertThat(is).isEqualTo(was);
      for (String application : APPLICATIONS) {
        for (Instant at : List.of(NOW.instant(), FILE_TIME.minus(Duration.ofDays(20)))) {
          assertThat(is.decide(application, at)).isEqualTo(was.decide(application, at));
        }
      }
    }
  }

  @Test
  void exportFiltersByApplicationAndState_andWritesJsonLines() throws Exception {
    AllowListFile file =
        AllowListFile.generate(dir.resolve("source.csv"), "filter.example", 300, FILE_TIME, 13L);
    Store store = Store.start();
    try (SyncWorker worker = store.worker()) {
      assertThat(worker.ready()).isTrue();
      store.run("import", file.path().toString(), "--time", FILE_TIME.toString());
      store.awaitSettled();
    }

    CommandLineRun export =
        store.run(
            "export",
            "--application",
            AllowListFile.APP_1,
            "--state",
            "invited",
            "--format",
            "jsonl");

    assertThat(export.exitCode()).as(export.err()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : export.out().lines().toList()) {
      rows.add(JSON.readTree(line));
    }
    long expected =
        file.expected().values().stream()
            .map(document -> document.scopes().get(AllowListFile.APP_1))
            .filter(entry -> entry != null && entry.granted())
            .filter(entry -> entry.expiresAt().map(at -> at.isAfter(NOW.instant())).orElse(true))
            .count();
    assertThat(rows).hasSize((int) expected).isNotEmpty();
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.get("applicationId").asText()).isEqualTo(AllowListFile.APP_1);
              assertThat(row.get("state").asText()).isEqualTo("invited");
            });
    assertThat(export.err()).contains("entries    " + expected + " written");
  }

  @Test
  void lookupAgreesWithTheContractsDecision_forTheSameDocumentAndTime() throws Exception {
    Store store = Store.start();
    InvitationLedger ledger = world.ledger(store.container());
    Instant t = FILE_TIME;
    List<InvitationDocument> documents =
        List.of(
            document("granted@lookup.example", Map.of("*", grant("g1", t, Optional.empty()))),
            document(
                "expired@lookup.example",
                Map.of(
                    AllowListFile.APP_1,
                    grant("g2", t, Optional.of(NOW.instant().minusSeconds(1))))),
            document(
                "mixed@lookup.example",
                Map.of(
                    "*",
                    grant("g3", t, Optional.empty()),
                    AllowListFile.APP_1,
                    revoke("r3", t.plusSeconds(5)),
                    AllowListFile.APP_2,
                    revoke("r4", t.minusSeconds(5)))),
            document(
                "tie@lookup.example",
                Map.of("*", revoke("b", t), AllowListFile.APP_1, grant("a", t, Optional.empty()))));
    documents.forEach(ledger::create);

    for (InvitationDocument document : documents) {
      for (String application : APPLICATIONS) {
        List<String> args = new ArrayList<>(List.of("lookup", document.id().value(), "--json"));
        if (application != null) {
          args.addAll(List.of("--application", application.toUpperCase()));
        }
        CommandLineRun lookup = store.run(args.toArray(String[]::new));
        assertThat(lookup.exitCode()).as(lookup.all()).isZero();
        JsonNode answer = JSON.readTree(lookup.out());
        InvitationStatus decision = document.decide(application, NOW.instant());
        String where = document.id().value() + " for " + application;
        assertThat(answer.get("invited").asBoolean())
            .as(where)
            .isEqualTo(decision instanceof InvitationStatus.Invited);
        if (decision instanceof InvitationStatus.NotInvited notInvited) {
          assertThat(answer.get("reason").asText())
              .as(where)
              .isEqualTo(notInvited.reason().name().toLowerCase());
        }
        Optional<String> scope = document.decidingScope(application);
        if (scope.isPresent()) {
          assertThat(answer.at("/decidedBy/eventId").asText())
              .as(where)
              .isEqualTo(document.scopes().get(scope.get()).eventId());
        } else {
          assertThat(answer.get("decidedBy").isNull()).as(where).isTrue();
        }
      }
    }
    CommandLineRun table = store.run("lookup", "granted@lookup.example");
    assertThat(table.out())
        .contains("decision        invited")
        .contains("InviteCode=K7*** (invitation code, masked)")
        .doesNotContain("K7Q2-M9XD");
    CommandLineRun nobody = store.run("lookup", "nobody@lookup.example");
    assertThat(nobody.out()).contains("not invited (no invitation)").contains("nothing is stored");
  }

  @Test
  void commandsOnAMissingQueueOrContainer_nameIt_exitWith2_andPrintNoStackTrace() throws Exception {
    Store store = Store.start();
    Map<String, String> noQueue = world.workerEnvironment("no-such-queue", store.container());
    Map<String, String> noContainer = world.workerEnvironment(store.queue(), "no-such-container");
    Path file = Files.writeString(dir.resolve("one.csv"), "email\na@example.com\n");

    for (CommandLineRun run :
        List.of(
            CommandLineRun.run(noQueue, NOW, "invite", "a@example.com"),
            CommandLineRun.run(noQueue, NOW, "revoke", "a@example.com"),
            CommandLineRun.run(noQueue, NOW, "import", file.toString()))) {
      assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
      assertThat(run.err()).contains("'no-such-queue'").contains("does not exist");
      assertThat(run.printedAStackTrace()).as(run.all()).isFalse();
    }
    for (CommandLineRun run :
        List.of(
            CommandLineRun.run(noContainer, NOW, "lookup", "a@example.com"),
            CommandLineRun.run(noContainer, NOW, "export"))) {
      assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
      assertThat(run.err()).contains("'no-such-container'").contains("does not exist");
      assertThat(run.printedAStackTrace()).as(run.all()).isFalse();
    }
  }

  private static InvitationDocument document(String email, Map<String, ScopeEntry> scopes) {
    return new InvitationDocument(EmailKey.of(email), scopes);
  }

  private static ScopeEntry grant(String id, Instant time, Optional<Instant> expiresAt) {
    return new ScopeEntry(
        id,
        time,
        true,
        expiresAt,
        Map.of("InviteCode", "K7Q2-M9XD", "displayName", "X"),
        List.of("displayName"),
        List.of("beta"));
  }

  private static ScopeEntry revoke(String id, Instant time) {
    return new ScopeEntry(id, time, false, Optional.empty(), Map.of(), List.of(), List.of());
  }

  /** A fresh queue and container, the commands' environment for them, and a worker on them. */
  private record Store(String queue, String container, Map<String, String> env) {

    static Store start() {
      String queue = world.newQueue(Duration.ofSeconds(30), 10);
      String container = LocalWorld.newContainerName();
      world.ledger(container);
      return new Store(queue, container, world.workerEnvironment(queue, container));
    }

    SyncWorker worker() {
      return SyncWorker.start(WorkerSettings.from(env));
    }

    CommandLineRun run(String... args) {
      return CommandLineRun.run(env, NOW, args);
    }

    void awaitSettled() {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> world.emulators().serviceBus().queueStats(queue).equals(EMPTY));
    }

    Optional<InvitationDocument> read(EmailKey email) {
      return world.ledger(container).read(email).map(Versioned::value);
    }

    ScopeEntry awaitEntry(String email, String scope, String eventId) {
      EmailKey key = EmailKey.of(email);
      return await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> read(key).map(document -> document.scopes().get(scope)).orElse(null),
              entry -> entry != null && entry.eventId().equals(eventId));
    }

    Map<EmailKey, Versioned<InvitationDocument>> readAll(Set<EmailKey> emails) {
      InvitationLedger ledger = world.ledger(container);
      Map<EmailKey, Versioned<InvitationDocument>> all = new HashMap<>();
      for (EmailKey email : emails) {
        ledger.read(email).ifPresent(document -> all.put(email, document));
      }
      return all;
    }
  }
}
