package dev.invitegate.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final StringWriter err = new StringWriter();

  private Progress progress(boolean terminal) {
    CliContext context =
        new CliContext(
            Map.of(),
            Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            terminal);
    return Progress.start(context, "messages replayed", OptionalLong.of(10));
  }

  @Test
  void clearsTheDrawnLineOnce_soThatALinePrintedNextStartsClean() {
    Progress progress = progress(true);
    progress.advance(1);
    String drawn = err.toString();
    assertThat(drawn).startsWith("\r1/10 messages replayed");

    progress.clear();
    assertThat(err.toString().substring(drawn.length()))
        .isEqualTo("\r" + " ".repeat(drawn.length() - 1) + "\r");

    int length = err.toString().length();
    progress.clear();
    assertThat(err.toString()).hasSize(length);
  }

  @Test
  void writesNothing_whenOutputIsNotATerminal() {
    Progress progress = progress(false);
    progress.advance(1);
    progress.clear();
    progress.finish();

    assertThat(err.toString()).isEmpty();
    assertThat(progress.done()).isOne();
  }
}
