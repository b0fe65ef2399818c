package dev.invitegate.responder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.responder.entra.EntraJson;
import dev.invitegate.responder.http.EntraEventsService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Calls the responder makes to itself before it reports ready, so that the first sign-ups of a new
 * replica do not wait while the JIT compiles their path: without it, on two cores, calls in the
 * first seconds after ready took over a second or timed out; with it, none did (the start-ups of
 * the benchmark, responder/README.md).
 *
 * <p>Each call goes the whole way a call goes past its token check: the body parsed, one point read
 * of an address at {@code rehearsal.invalid} (never invited, so always a 404, and never a person's
 * invitation), the decision, the answer's bytes and its audit line built. Nothing is sent, logged
 * or counted. The calls are the shapes Entra sends: Start and Submit with and without a federated
 * identity, and token issuance. Bounded by a number of calls and a time limit, so a slow store
 * delays readiness by at most that limit.
 */
final class Rehearsal {

  private static final System.Logger LOG = System.getLogger(Rehearsal.class.getName());

  private static final String CALLS_RESOURCE = "rehearsal-calls.json";

  /** Enough for the first seconds after ready on two cores (the benchmark's start-ups). */
  static final int CALLS = 150;

  static final Duration TIME_LIMIT = Duration.ofSeconds(5);

  private final List<byte[]> bodies;
  private final int calls;
  private final Duration timeLimit;
  private volatile boolean done;

  Rehearsal(List<byte[]> bodies, int calls, Duration timeLimit) {
    if (bodies.isEmpty() || calls < 0) {
      throw new IllegalArgumentException("a rehearsal needs calls to make");
    }
    this.bodies = List.copyOf(bodies);
    this.calls = calls;
    this.timeLimit = timeLimit;
  }

  /** The calls this module carries, {@link #CALLS} of them within {@link #TIME_LIMIT}. */
  static Rehearsal ofCarriedCalls() {
    return new Rehearsal(carriedBodies(), CALLS, TIME_LIMIT);
  }

  static List<byte[]> carriedBodies() {
    try (InputStream in = Rehearsal.class.getResourceAsStream(CALLS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CALLS_RESOURCE + " is missing from the responder's jar");
      }
      List<byte[]> bodies = new ArrayList<>();
      for (JsonNode call : EntraJson.mapper().readTree(in)) {
        bodies.add(EntraJson.mapper().writeValueAsBytes(call));
      }
      return bodies;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CALLS_RESOURCE, e);
    }
  }

  /** Readiness: not before the rehearsal has ended. */
  Optional<String> problem() {
    return done ? Optional.empty() : Optional.of("rehearsing the request path");
  }

  /**
   * Makes the calls, one after the other, until all are made or the time limit has passed. Ends the
   * rehearsal whatever happens: it only saves the first callers a wait, and a failing store keeps
   * the responder not ready through its own check.
   *
   * @return the calls made
   */
  int run(EntraEventsService events) {
    long started = System.nanoTime();
    long limit = started + timeLimit.toNanos();
    int made = 0;
    try {
      while (made < calls && System.nanoTime() < limit) {
        events.rehearse(bodies.get(made % bodies.size()));
        made++;
      }
      LOG.log(
          Level.INFO,
          "Rehearsed the request path: {0,number,#} calls in {1,number,#} ms",
          made,
          Duration.ofNanos(System.nanoTime() - started).toMillis());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "The rehearsal of the request path stopped after {0,number,#} calls: {1}",
          made,
          e.toString());
    } finally {
      done = true;
    }
    return made;
  }
}
