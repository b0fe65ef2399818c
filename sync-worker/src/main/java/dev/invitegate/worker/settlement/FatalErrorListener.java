package dev.invitegate.worker.settlement;

/** Told once per fatal condition; the worker's wiring stops the process with a non-zero exit. */
@FunctionalInterface
public interface FatalErrorListener {

  void fatal(String reason, Throwable cause);
}
