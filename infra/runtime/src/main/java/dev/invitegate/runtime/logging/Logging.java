package dev.invitegate.runtime.logging;

import io.helidon.logging.common.LogConfig;

/**
 * One logging set-up for both services: java.util.logging (Helidon's own; the Azure SDKs and the
 * worker's code reach it through slf4j), one line per record as {@link LineFormatter} writes it,
 * configured by the {@code logging.properties} this module carries, read through Helidon's logging
 * set-up. A {@code java.util.logging.config.file} system property replaces it.
 */
public final class Logging {

  private Logging() {}

  /**
   * Configures logging; call first thing in {@code main}, before anything logs, so that the log
   * manager that keeps logging through shutdown ({@link ShutdownSafeLogManager}) is the one used.
   */
  public static void configure() {
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
    }
    LogConfig.configureRuntime();
  }
}
