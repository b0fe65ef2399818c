package dev.invitegate.responder;

import dev.invitegate.responder.cosmos.InvitationContainer;
import dev.invitegate.responder.entra.SigningKeys;
import dev.invitegate.responder.http.EntraEventsService;
import dev.invitegate.runtime.Backoff;
import dev.invitegate.runtime.StartupFailure;
import dev.invitegate.runtime.cosmos.CosmosFailure;
import dev.invitegate.runtime.settings.CosmosSettings;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The order things start in, so that the responder is ready soon and never before it can answer:
 * the signing keys are fetched and the Cosmos client is built at the same time as the web server
 * starts (neither depends on the other; the client takes about a second, mostly class loading);
 * then the container is warmed up, and once the keys are loaded too, the request path is rehearsed
 * ({@link Rehearsal}). Readiness waits for keys loaded, the store warm and the rehearsal over; keys
 * and warm-up are retried, with a doubling wait, until they succeed, or the process stops.
 */
final class Startup {

  private static final System.Logger LOG = System.getLogger(Startup.class.getName());

  private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(10);
  private static final Backoff KEY_RETRIES =
      new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10));
  private static final Backoff WARM_UP_RETRIES =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

  private final CompletableFuture<InvitationContainer> connecting = new CompletableFuture<>();
  private final CountDownLatch stopping = new CountDownLatch(1);

  /**
   * Starts fetching the keys and building the Cosmos client, each on a thread of its own; the
   * client's thread then connects {@code lookup}, warms the container up and runs {@code rehearsal}
   * through {@code events}.
   */
  void begin(
      SigningKeys keys,
      CosmosSettings cosmos,
      Duration deadline,
      StartingLookup lookup,
      Rehearsal rehearsal,
      EntraEventsService events) {
    Thread keyLoader = Thread.ofVirtual().name("signing-keys").start(() -> loadKeys(keys));
    Thread.ofPlatform()
        .name("cosmos-connect")
        .daemon()
        .start(
            () -> {
              InvitationContainer container;
              try {
                container = InvitationContainer.connect(cosmos, deadline);
              } catch (RuntimeException | Error e) {
                connecting.completeExceptionally(e);
                return;
              }
              lookup.connected(container.lookup());
              connecting.complete(container);
              // Warming from here, not after the web server has started, keeps the slower of the
              // two off the path to ready.
              warmUp(container, keys, keyLoader, () -> rehearsal.run(events));
            });
  }

  /**
   * Waits for the Cosmos client.
   *
   * @throws StartupFailure when it cannot be built (the endpoint cannot be reached or refuses)
   */
  InvitationContainer connected() {
    try {
      return connecting.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof StartupFailure failure
          ? failure
          : new StartupFailure("cannot build the Cosmos DB client: " + e.getCause(), e.getCause());
    }
  }

  /** Ends the retries. */
  void stop() {
    stopping.countDown();
  }

  private void loadKeys(SigningKeys keys) {
    for (int failures = 0; !keys.load(); failures++) {
      Duration wait = KEY_RETRIES.after(failures);
      LOG.log(
          Level.WARNING,
          "No signing keys yet ({0}); retrying in {1} ms",
          keys.problem(),
          wait.toMillis());
      if (sleep(wait)) {
        return;
      }
    }
  }

  private void warmUp(
      InvitationContainer container, SigningKeys keys, Thread keyLoader, Runnable rehearse) {
    for (int failures = 0; ; failures++) {
      Optional<CosmosFailure> failure = container.warmUp(WARM_UP_TIMEOUT);
      if (failure.isEmpty()) {
        break;
      }
      Duration wait = WARM_UP_RETRIES.after(failures);
      LOG.log(
          Level.WARNING,
          "Cosmos DB not ready yet ({0}); retrying in {1} ms",
          failure.get().description(),
          wait.toMillis());
      if (sleep(wait)) {
        return;
      }
    }
    try {
      keyLoader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!keys.loaded()) {
      return; // stopping before the keys came
    }
    rehearse.run();
    long sinceStart =
        ProcessHandle.current()
            .info()
            .startInstant()
            .map(started -> Duration.between(started, Instant.now()).toMillis())
            .orElse(-1L);
    LOG.log(
        Level.INFO,
        "Ready: {0,number,#} signing keys, Cosmos DB warm, request path rehearsed;"
            + " {1,number,#} ms after process start",
        keys.size(),
        sinceStart);
  }

  /** Waits {@code wait}; true if the process is stopping meanwhile. */
  private boolean sleep(Duration wait) {
    try {
      return stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
