package dev.invitegate.runtime.logging;

import java.util.logging.LogManager;

/**
 * The JDK's log manager, except that its own shutdown hook does not close the handlers: that hook
 * runs at the same time as a service's, which logs how the stop went, and those last lines would be
 * lost. Handlers flush after every record, so nothing is left unwritten at exit.
 */
public final class ShutdownSafeLogManager extends LogManager {

  private static final String SHUTDOWN_CLEANER = "java.util.logging.LogManager$Cleaner";

  public ShutdownSafeLogManager() {
    super();
  }

  @Override
  public void reset() {
    if (Thread.currentThread().getClass().getName().equals(SHUTDOWN_CLEANER)) {
      return;
    }
    super.reset();
  }
}
