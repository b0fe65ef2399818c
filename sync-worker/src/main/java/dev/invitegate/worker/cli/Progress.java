package dev.invitegate.worker.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The progress of a long run, for a person at a terminal: one line rewritten in place with the
 * count, the rate and, when the total is known, the time left. Nothing at all when output is not a
 * terminal (scripts read the summary). Redrawn at most a few times a second.
 */
final class Progress {

  private static final Duration REDRAW = Duration.ofMillis(250);

  private final PrintWriter err;
  private final Clock clock;
  private final boolean shown;
  private final String what;
  private final OptionalLong total;
  private final Instant started;
  private long done;
  private Instant drawn = Instant.MIN;

  /** Characters of the line drawn now, 0 when none is. */
  private int visibleLength;

  private Progress(CliContext context, String what, OptionalLong total) {
    this.err = context.err();
    this.clock = context.clock();
    this.shown = context.terminal();
    this.what = what;
    this.total = total;
    this.started = clock.instant();
  }

  /** Progress of {@code what} ("messages replayed"), of {@code total} when it is known. */
  static Progress start(CliContext context, String what, OptionalLong total) {
    return new Progress(context, what, total);
  }

  void advance(long by) {
    done += by;
    Instant now = clock.instant();
    if (shown && Duration.between(drawn, now).compareTo(REDRAW) >= 0) {
      drawn = now;
      String line = line(now);
      err.print("\r" + line);
      err.flush();
      visibleLength = line.length();
    }
  }

  /**
   * Clears the line, if it is drawn, so that a line printed next starts clean; the next {@link
   * #advance} draws it again.
   */
  void clear() {
    if (visibleLength > 0) {
      err.print("\r" + " ".repeat(visibleLength) + "\r");
      err.flush();
      visibleLength = 0;
    }
  }

  /** Clears the line; the command then prints its summary. */
  void finish() {
    if (shown && !drawn.equals(Instant.MIN)) {
      err.print("\r" + " ".repeat(line(clock.instant()).length()) + "\r");
      err.flush();
    }
  }

  long done() {
    return done;
  }

  String line(Instant now) {
    double seconds = Math.max(Duration.between(started, now).toMillis() / 1000.0, 0.001);
    double rate = done / seconds;
    StringBuilder line = new StringBuilder().append(done);
    total.ifPresent(t -> line.append('/').append(t));
    line.append(' ').append(what).append(String.format(Locale.ROOT, ", %.0f/s", rate));
    if (total.isPresent() && rate > 0 && done < total.getAsLong()) {
      long left = Math.round((total.getAsLong() - done) / rate);
      line.append(", about ").append(left).append(" s left");
    }
    return line.toString();
  }
}
