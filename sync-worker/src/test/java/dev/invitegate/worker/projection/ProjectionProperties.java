package dev.invitegate.worker.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.InvitationStatus;
import dev.invitegate.contracts.ParseResult;
import dev.invitegate.contracts.samples.EventOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Order independence of the projection as the worker does it (parse, read, project, conditional
 * write): any permutation of a set of grant and revoke events, with any duplicates, sequential or
 * concurrent, leaves the same documents and so the same sign-up decisions. Subclasses supply the
 * ledger: the in-memory fake, or Cosmos DB through the local emulator.
 */
abstract class ProjectionProperties {

  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<Optional<String>> APPLICATIONS =
      List.of(
          Optional.empty(),
          Optional.of("6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917"),
          Optional.of("0b7f3c52-1a2d-4e5f-9a8b-7c6d5e4f3a2b"));
  private static final List<String> DECIDING_APPLICATIONS =
      List.of(
          "",
          "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917",
          "0b7f3c52-1a2d-4e5f-9a8b-7c6d5e4f3a2b",
          "ffffffff-0000-4000-8000-000000000000");
  private static final List<Instant> DECISION_TIMES =
      List.of(BASE, BASE.plus(Duration.ofMinutes(3)), BASE.plus(Duration.ofDays(365)));
  private static final int EMAILS = 3;

  /** A ledger shared by all tries; each try writes under emails of its own. */
  abstract InvitationLedger ledger();

  /** One generated event, with the email left abstract so each run can use fresh addresses. */
  record Spec(int email, int application, boolean grant, int minute, int expiresMinute, int role) {

    byte[] body(String id, String domain) {
      String address = "user" + email + "@" + domain;
      Instant time = BASE.plus(Duration.ofMinutes(minute));
      if (!grant) {
        return Events.revoked(id, address, APPLICATIONS.get(application), time);
      }
      return Events.granted(
          id,
          address,
          APPLICATIONS.get(application),
          time,
          expiresMinute < 0
              ? Optional.empty()
              : Optional.of(BASE.plus(Duration.ofMinutes(expiresMinute))),
          role == 0 ? Map.of() : Map.of("displayName", "User " + email, "cohort", (long) role),
          role == 0 ? List.of() : List.of("role-" + role));
    }
  }

  @Provide
  Arbitrary<List<Spec>> eventSets() {
    Arbitrary<Spec> spec =
        Builders.withBuilder(() -> new Object[6])
            .use(Arbitraries.integers().between(0, EMAILS - 1))
            .in((a, v) -> set(a, 0, v))
            .use(Arbitraries.integers().between(0, APPLICATIONS.size() - 1))
            .in((a, v) -> set(a, 1, v))
            .use(Arbitraries.of(true, false))
            .in((a, v) -> set(a, 2, v))
            .use(Arbitraries.integers().between(0, 5))
            .in((a, v) -> set(a, 3, v))
            .use(Arbitraries.integers().between(-1, 8))
            .in((a, v) -> set(a, 4, v))
            .use(Arbitraries.integers().between(0, 2))
            .in((a, v) -> set(a, 5, v))
            .build(
                a ->
                    new Spec(
                        (int) a[0],
                        (int) a[1],
                        (boolean) a[2],
                        (int) a[3],
                        (int) a[4],
                        (int) a[5]));
    return spec.list().ofMinSize(1).ofMaxSize(14);
  }

  private static Object[] set(Object[] values, int index, Object value) {
    values[index] = value;
    return values;
  }

  @Property(tries = 60)
  void everyPermutationWithDuplicates_leavesTheSameDocumentsAndDecisions(
      @ForAll("eventSets") List<Spec> events, @ForAll Random random) {
    Run reference = run(indexed(events));
    Run shuffled = run(permutationWithDuplicates(events, random));
    Run another = run(permutationWithDuplicates(events, random));

    assertThat(shuffled.scopes()).isEqualTo(reference.scopes());
    assertThat(another.scopes()).isEqualTo(reference.scopes());
    assertThat(shuffled.decisions()).isEqualTo(reference.decisions());
    assertThat(another.decisions()).isEqualTo(reference.decisions());
    assertThat(reference.scopes()).isEqualTo(foldedInTimeOrder(events));
  }

  @Property(tries = 25)
  void concurrentProjectionWithDuplicates_losesNoUpdate(
      @ForAll("eventSets") List<Spec> events, @ForAll Random random) {
    Run concurrent = runConcurrently(permutationWithDuplicates(events, random), random);

    assertThat(concurrent.scopes()).isEqualTo(foldedInTimeOrder(events));
  }

  /** What the documents hold after projecting {@code events}, by email index. */
  record Run(Map<Integer, Object> scopes, List<InvitationStatus> decisions) {}

  /** Projects {@code events} one after the other. */
  private Run run(List<Indexed> events) {
    String domain = freshDomain();
    InvitationProjector projector = new InvitationProjector(ledger(), new InvitationEventParser());
    List<ProjectionOutcome> outcomes = new ArrayList<>();
    for (Indexed event : events) {
      outcomes.add(projector.project(event.body(domain)));
    }
    return stored(domain, outcomes);
  }

  /**
   * Projects {@code events} on 8 threads, with a pause drawn from {@code random} between each read
   * and the write after it: the pauses, like everything else a try generates, come from the try's
   * seed (the threads' schedule does not).
   */
  private Run runConcurrently(List<Indexed> events, Random random) {
    String domain = freshDomain();
    InvitationProjector projector =
        new InvitationProjector(
            new InterleavingLedger(ledger(), new Random(random.nextLong())),
            new InvitationEventParser());
    List<ProjectionOutcome> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<ProjectionOutcome>> futures = new ArrayList<>();
      for (Indexed event : events) {
        futures.add(pool.submit(() -> projector.project(event.body(domain))));
      }
      for (Future<ProjectionOutcome> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    }
    return stored(domain, outcomes);
  }

  private static String freshDomain() {
    return UUID.randomUUID().toString().substring(0, 12) + ".example";
  }

  /** What the ledger holds under {@code domain} once every outcome was applied or stale. */
  private Run stored(String domain, List<ProjectionOutcome> outcomes) {
    assertThat(outcomes)
        .allMatch(
            o -> o instanceof ProjectionOutcome.Applied || o instanceof ProjectionOutcome.Stale);
    Map<Integer, Object> scopes = new TreeMap<>();
    List<InvitationStatus> decisions = new ArrayList<>();
    for (int email = 0; email < EMAILS; email++) {
      Optional<InvitationDocument> document =
          ledger().read(EmailKey.of("user" + email + "@" + domain)).map(Versioned::value);
      if (document.isPresent()) {
        scopes.put(email, document.get().scopes());
      }
      for (String application : DECIDING_APPLICATIONS) {
        for (Instant now : DECISION_TIMES) {
          decisions.add(
              document
                  .map(d -> d.decide(application, now))
                  .orElseGet(InvitationStatus::noDocument));
        }
      }
    }
    return new Run(scopes, decisions);
  }

  private static List<Indexed> indexed(List<Spec> events) {
    List<Indexed> indexed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      indexed.add(new Indexed(i, events.get(i)));
    }
    return indexed;
  }

  /** Widens the window between read and write so concurrent projections really interleave. */
  private record InterleavingLedger(InvitationLedger delegate, Random random)
      implements InvitationLedger {
    @Override
    public Optional<Versioned<InvitationDocument>> read(EmailKey key) {
      Optional<Versioned<InvitationDocument>> read = delegate.read(key);
      try {
        Thread.sleep(random.nextInt(3));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return read;
    }

    @Override
    public WriteResult create(InvitationDocument document) {
      return delegate.create(document);
    }

    @Override
    public WriteResult replaceIf(InvitationDocument document, String etag) {
      return delegate.replaceIf(document, etag);
    }
  }

  /** An event with its unique id: duplicates share the index and so the id. */
  record Indexed(int index, Spec spec) {
    byte[] body(String domain) {
      return spec.body("event-" + index, domain);
    }
  }

  private static List<Indexed> permutationWithDuplicates(List<Spec> events, Random random) {
    List<Indexed> result = indexed(events);
    int duplicates = random.nextInt(events.size() + 1);
    for (int i = 0; i < duplicates; i++) {
      result.add(result.get(random.nextInt(events.size())));
    }
    Collections.shuffle(result, random);
    return result;
  }

  /**
   * The reference, without any ledger: per email index, the scopes holding the latest event of each
   * scope.
   */
  private static Map<Integer, Object> foldedInTimeOrder(List<Spec> events) {
    String domain = "reference.example";
    InvitationEventParser parser = new InvitationEventParser();
    List<InvitationEvent> parsed = new ArrayList<>();
    for (Indexed event : indexed(events)) {
      parsed.add(((ParseResult.Parsed) parser.parse(event.body(domain))).event());
    }
    Map<Integer, Object> scopes = new TreeMap<>();
    for (Spec spec : events) {
      EmailKey email = EmailKey.of("user" + spec.email() + "@" + domain);
      scopes.put(spec.email(), EventOrder.latestPerScope(email, parsed).scopes());
    }
    return scopes;
  }
}
