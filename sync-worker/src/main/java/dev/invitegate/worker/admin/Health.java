package dev.invitegate.worker.admin;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Liveness and readiness as the wiring reports them. */
public final class Health {

  private volatile boolean ready;
  private final AtomicReference<String> fatal = new AtomicReference<>();

  /** Ready once the store is open and messages are being received. */
  public void markReady() {
    ready = true;
  }

  public void markNotReady() {
    ready = false;
  }

  /** Not live from now on: the worker is stopping because of {@code reason}. */
  public void markFatal(String reason) {
    fatal.compareAndSet(null, reason);
    ready = false;
  }

  public boolean live() {
    return fatal.get() == null;
  }

  public boolean ready() {
    return ready && live();
  }

  public Optional<String> fatalReason() {
    return Optional.ofNullable(fatal.get());
  }
}
