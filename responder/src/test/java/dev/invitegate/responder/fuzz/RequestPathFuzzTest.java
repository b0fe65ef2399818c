package dev.invitegate.responder.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.responder.TestResources;
import dev.invitegate.responder.signup.InMemoryInvitations;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the whole request path: a valid bearer token, a body the {@link Mutator} makes from the
 * reference vectors, and the {@link Invariants} checked on every answer.
 *
 * <p>The build runs it in a JVM of its own (the surefire execution {@code fuzz}): each input of the
 * committed corpus under {@code RequestPathFuzzTestInputs} is a test; then, with the environment
 * variable {@code JAZZER_FUZZ} true, Jazzer fuzzes for {@code jazzer.max_duration} starting from
 * that corpus. A finding fails the test and leaves its input in that directory, where every later
 * run replays it. An input file is a recipe for a body, not a body: see {@link Mutator} for its
 * layout, and a failure message for the recipe spelled out.
 */
class RequestPathFuzzTest {

  private static final String ENDPOINT = "/entra/events";

  /** Far beyond the deadline: a call this slow is a hang, not a late answer. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Tries before a late answer counts: a machine shared with builds can pause any one call past the
   * deadline, while a body that is slow to answer is slow every time.
   */
  private static final int DEADLINE_TRIES = 3;

  private static LoggedFailures failures;
  private static InMemoryInvitations invitations;
  private static RequestPath path;
  private static LoopbackClient client;
  private static Mutator mutator;

  @BeforeAll
  static void start() throws IOException {
    failures = LoggedFailures.install();
    invitations = new InMemoryInvitations(Invitee.documents());
    path = RequestPath.start(invitations, Clock.fixed(Invitee.NOW, ZoneOffset.UTC));
    client = new LoopbackClient(path.port(), CALL_TIMEOUT);
    List<Mutator.Seed> seeds = new ArrayList<>();
    for (String vector : TestResources.vectors()) {
      seeds.add(
          new Mutator.Seed(
              vector, Json.from(TestResources.json("vectors/" + vector + "/request.json"))));
    }
    mutator = new Mutator(seeds);
    // Warm the path up, so that the first inputs do not pay for class loading and compilation.
    for (int round = 0; round < 5; round++) {
      for (int seed = 0; seed < seeds.size(); seed++) {
        client.post(
            ENDPOINT, path.authorization(), mutator.mutate(new byte[] {(byte) seed}).body());
      }
    }
    failures.drain();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (path != null) {
      path.close();
    }
    if (failures != null) {
      failures.close();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void answersEveryBodyInTime_withOneValidAction_admittingOnlyLiveInvitations(byte[] input)
      throws IOException {
    Mutator.Mutant mutant = mutator.mutate(input);
    SilentCloseable loopbackOnly = BugDetectors.allowNetworkConnections(path::isOwnEndpoint);
    try {
      for (int attempt = 1; ; attempt++) {
        invitations.clearReads();
        failures.drain();
        long started = System.nanoTime();
        LoopbackClient.Answer answer;
        try {
          answer = client.post(ENDPOINT, path.authorization(), mutant.body());
        } catch (IOException e) {
          throw new AssertionError("no answer to: " + mutant.recipe(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<EmailKey> reads = invitations.reads();
        List<LogRecord> logged = failures.drain();
        try {
          Invariants.check(mutant.body(), answer, reads, logged);
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "\n  body made by: " + mutant.recipe(), e);
        }
        if (took.compareTo(path.deadline()) <= 0) {
          return;
        }
        if (attempt == DEADLINE_TRIES) {
          throw new AssertionError(
              "answered past the deadline of "
                  + path.deadline().toMillis()
                  + " ms "
                  + attempt
                  + " times running, last in "
                  + took.toMillis()
                  + " ms\n  body made by: "
                  + mutant.recipe());
        }
      }
    } finally {
      loopbackOnly.close();
    }
  }
}
