package dev.invitegate.worker.cli;

/**
 * The environment or the arguments cannot be used: the command did nothing, the message names what
 * to fix, and the exit code is 2.
 */
public final class ConfigurationError extends RuntimeException {

  public ConfigurationError(String message) {
    super(message, null, false, false);
  }
}
