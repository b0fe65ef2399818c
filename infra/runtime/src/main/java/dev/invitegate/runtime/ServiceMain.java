package dev.invitegate.runtime;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What both services' {@code main} do the same way: invalid settings end the process with one line
 * and exit 2; a start that fails, with one line and exit 1 (the stack trace at debug level only);
 * SIGTERM stops the service, logs it, and exits 0, because a clean stop is a success for the
 * orchestrator (a JVM ended by SIGTERM would exit 143).
 */
public final class ServiceMain {

  public static final int EXIT_OK = 0;
  public static final int EXIT_CANNOT_START = 1;
  public static final int EXIT_CONFIGURATION = 2;

  private static final System.Logger LOG = System.getLogger(ServiceMain.class.getName());

  private final String service;
  private final AtomicBoolean exiting = new AtomicBoolean();

  /**
   * @param service the program's name, the first word of every line it prints
   */
  public ServiceMain(String service) {
    this.service = service;
  }

  /** The settings, or the process ends with exit 2 and a line naming every problem. */
  public <S> S settings(Supplier<S> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      System.err.println(service + ": " + e.getMessage());
      System.exit(EXIT_CONFIGURATION);
      throw e;
    }
  }

  /** The started service, or the process ends with exit 1 and one line saying why. */
  public <T> T start(Supplier<T> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      // The message says what to fix; the trace is for whoever debugs the service itself.
      LOG.log(Level.DEBUG, "Start-up failed", e);
      System.err.println(service + ": cannot start: " + firstLine(e));
      System.exit(EXIT_CANNOT_START);
      throw e;
    }
  }

  /**
   * On SIGTERM: logs, runs {@code stop}, logs again, exits 0; not once the service exits itself.
   */
  public void stopOnSigterm(Runnable stop) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!exiting.compareAndSet(false, true)) {
                    return;
                  }
                  LOG.log(Level.INFO, "event=stopping signal=TERM");
                  stop.run();
                  LOG.log(Level.INFO, "event=stopped exit=0");
                  Runtime.getRuntime().halt(EXIT_OK);
                },
                service + "-shutdown"));
  }

  /** Ends the process with exit 1 after a fatal error, without the SIGTERM hook's stop. */
  public void exitFatal(Runnable stop, String reason) {
    exiting.set(true);
    stop.run();
    System.err.println(service + ": stopped: " + reason);
    System.exit(EXIT_CANNOT_START);
  }

  /** A start-up failure's own message is one line; anything else is cut to its first. */
  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
