package dev.invitegate.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main code of the project waits on a monitor. On JDK 21 to 23 a virtual thread that blocks
 * inside or on a {@code synchronized} block pins its carrier, and a handful of them can stall every
 * request; the project targets release 21, so it uses {@code java.util.concurrent} locks instead.
 */
class NoMonitorsTest {

  private static final Pattern MONITOR =
      Pattern.compile("\\bsynchronized\\b|\\.wait\\(|\\.notify(All)?\\(");

  @Test
  void mainCodeOfEveryModuleUsesNoMonitor() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> found;
    try (Stream<Path> files = Files.walk(root)) {
      found =
          files
              .filter(path -> path.toString().endsWith(".java"))
              .filter(path -> path.toString().contains("/src/main/java/"))
              .filter(path -> !path.toString().contains("/node_modules/"))
              .flatMap(NoMonitorsTest::monitorLines)
              .toList();
    }
    assertThat(found).isEmpty();
  }

  @Test
  void findsAMonitor_whereThereIsOne() {
    assertThat(MONITOR.matcher("  synchronized void enter() {").find()).isTrue();
    assertThat(MONITOR.matcher("    lock.notifyAll();").find()).isTrue();
    assertThat(MONITOR.matcher("    lock.lock(); // not a monitor").find()).isFalse();
  }

  private static Stream<String> monitorLines(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return java.util.stream.IntStream.range(0, lines.size())
          .filter(i -> MONITOR.matcher(lines.get(i)).find())
          .filter(
              i -> !lines.get(i).strip().startsWith("*") && !lines.get(i).strip().startsWith("//"))
          .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
