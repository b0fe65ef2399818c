package dev.invitegate.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LineFormatterTest {

  private final LineFormatter formatter = new LineFormatter();

  @Test
  void writesInstantLevelLoggerAndMessage_onOneLine() {
    LogRecord record = new LogRecord(Level.INFO, "Listening on port {0,number,#}");
    record.setParameters(new Object[] {8080});
    record.setLoggerName("dev.invitegate.responder.Main");
    record.setInstant(Instant.parse("2026-11-29T02:05:02.655987Z"));
    assertThat(formatter.format(record))
        .isEqualTo(
            "2026-11-29T02:05:02.655Z INFO dev.invitegate.responder.Main Listening on port 8080"
                + System.lineSeparator());
  }

  @Test
  void leavesBracesOfAMessageWithoutParametersAlone() {
    LogRecord record = new LogRecord(Level.INFO, "{\"audit\":\"decision\",\"reason\":\"{0}\"}");
    record.setLoggerName("dev.invitegate.responder.audit");
    record.setInstant(Instant.parse("2026-11-29T02:05:02Z"));
    assertThat(formatter.format(record))
        .isEqualTo(
            "2026-11-29T02:05:02Z INFO dev.invitegate.responder.audit"
                + " {\"audit\":\"decision\",\"reason\":\"{0}\"}"
                + System.lineSeparator());
  }

  @Test
  void appendsTheStackTraceOfAFailure() {
    LogRecord record = new LogRecord(Level.SEVERE, "Unexpected failure");
    record.setLoggerName("x");
    record.setThrown(new IllegalStateException("boom"));
    String text = formatter.format(record);
    assertThat(text)
        .contains(" SEVERE x Unexpected failure" + System.lineSeparator())
        .contains("java.lang.IllegalStateException: boom")
        .contains("at dev.invitegate.runtime.logging.LineFormatterTest")
        .endsWith(System.lineSeparator());
  }
}
