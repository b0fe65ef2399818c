package dev.invitegate.responder.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Catches what the server logs as a failure while it answers: an exception mapped to a 500, or one
 * thrown where no handler could answer. Also quiets the console, which would otherwise print an
 * audit line per call; the audit lines are still built, so their code is fuzzed too.
 */
final class LoggedFailures extends Handler implements AutoCloseable {

  private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
  private final Logger root = Logger.getLogger("");
  private final Map<Handler, Level> consoleLevels = new java.util.HashMap<>();

  private LoggedFailures() {
    setLevel(Level.ALL);
  }

  static LoggedFailures install() {
    LoggedFailures failures = new LoggedFailures();
    for (Handler handler : failures.root.getHandlers()) {
      if (handler instanceof ConsoleHandler) {
        failures.consoleLevels.put(handler, handler.getLevel());
        handler.setLevel(Level.WARNING);
      }
    }
    failures.root.addHandler(failures);
    return failures;
  }

  @Override
  public void publish(LogRecord record) {
    boolean ours = record.getLoggerName() != null && record.getLoggerName().startsWith("dev.");
    if (record.getLevel().intValue() >= Level.SEVERE.intValue()
        || (ours && record.getThrown() != null)) {
      records.add(record);
    }
  }

  /** The failures logged since the last call, oldest first. */
  List<LogRecord> drain() {
    List<LogRecord> drained = new ArrayList<>();
    for (LogRecord record = records.poll(); record != null; record = records.poll()) {
      drained.add(record);
    }
    return drained;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    consoleLevels.forEach(Handler::setLevel);
  }
}
