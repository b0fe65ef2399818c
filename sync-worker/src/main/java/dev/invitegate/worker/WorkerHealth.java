package dev.invitegate.worker;

import dev.invitegate.runtime.observe.Checks;
import io.helidon.health.HealthCheck;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Liveness and readiness as the wiring reports them: live until a fatal error; ready only between
 * receiving and stopping. The checks on the admin port carry the reason when not.
 */
final class WorkerHealth {

  private volatile String notReady = "starting";
  private final AtomicReference<String> fatal = new AtomicReference<>();

  /** The container is open and the queue is being received. */
  void receiving() {
    notReady = null;
  }

  void stopping() {
    notReady = "stopping";
  }

  /**
   * Not live from now on: the worker stops because of {@code reason}.
   *
   * @return whether this was the first fatal error
   */
  boolean fatal(String reason) {
    return fatal.compareAndSet(null, reason);
  }

  Optional<String> fatalReason() {
    return Optional.ofNullable(fatal.get());
  }

  /** Why the worker is not ready, if it is not. */
  Optional<String> notReadyReason() {
    String fatalReason = fatal.get();
    if (fatalReason != null) {
      return Optional.of("stopping after a fatal error");
    }
    return Optional.ofNullable(notReady);
  }

  boolean ready() {
    return notReadyReason().isEmpty();
  }

  /** {@code worker} (liveness) and {@code receiving} (readiness). */
  List<HealthCheck> checks() {
    return List.of(
        Checks.liveness("worker", this::fatalReason),
        Checks.readiness("receiving", this::notReadyReason));
  }
}
