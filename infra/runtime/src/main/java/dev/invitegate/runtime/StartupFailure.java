package dev.invitegate.runtime;

/**
 * A service cannot start, for a reason an operator can act on, said in one line: the port already
 * in use, the endpoint that cannot be reached, the container that does not exist. Each service's
 * {@code main} prints the message and exits 1; the cause's stack trace goes to the log at debug
 * level only.
 */
public final class StartupFailure extends IllegalStateException {

  public StartupFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public StartupFailure(String message) {
    super(message);
  }
}
