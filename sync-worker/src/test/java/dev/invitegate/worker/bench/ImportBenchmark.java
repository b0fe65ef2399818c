package dev.invitegate.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.worker.it.LocalWorld;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Imports allow-lists of {@value #SMALL} and {@value #LARGE} rows with {@code java -jar
 * sync-worker.jar import}, a child process as operators run it, into the Service Bus stand-in, and
 * prints for each the rate and the child's resident memory (VmRSS sampled from /proc every 20 ms,
 * and the kernel's high-water mark VmHWM), and the most heap left after a collection (the live
 * data, from the child's GC log): once with the JVM's default heap sizing, once with the heap
 * bounded. The import streams: the target is the same memory at both sizes. Run it with {@code
 * ./mvnw -B -pl sync-worker -am -DskipTests -Pbenchmark verify -Dit.test=ImportBenchmark}.
 */
@ExtendWith(LocalAzureExtension.class)
class ImportBenchmark {

  static final int SMALL = Integer.getInteger("benchmark.import.small", 10_000);
  static final int LARGE = Integer.getInteger("benchmark.import.large", 100_000);

  private static final Path JAR =
      Path.of(System.getProperty("worker.jar", "target/sync-worker.jar"));

  /** The child JVM's heap options: none (the JVM's defaults for this machine), or a bound. */
  private static final List<List<String>> HEAPS = List.of(List.of(), List.of("-Xmx64m"));

  record Result(
      int rows,
      List<String> heap,
      double seconds,
      long peakRssKib,
      long highWaterKib,
      long liveMib) {
    double rate() {
      return rows / seconds;
    }
  }

  @Test
  void importTenThousandAndAHundredThousandRows(LocalEmulators emulators) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "import-benchmark"));
    try (LocalWorld world = new LocalWorld(emulators)) {
      Path warmUp = write(dir.resolve("warm-up.csv"), 1_000);
      Path small = write(dir.resolve("small.csv"), SMALL);
      Path large = write(dir.resolve("large.csv"), LARGE);
      importFile(world, warmUp, 1_000, List.of());
      StringBuilder report = new StringBuilder();
      for (List<String> heap : HEAPS) {
        Result ten = importFile(world, small, SMALL, heap);
        Result hundred = importFile(world, large, LARGE, heap);
        report
            .append(
                String.format(Locale.ROOT, "  heap %s%n", heap.isEmpty() ? "JVM default" : heap))
            .append(line(ten))
            .append(line(hundred))
            .append(
                String.format(
                    Locale.ROOT,
                    "    peak RSS %,d rows / %,d rows: %.2f%n",
                    LARGE,
                    SMALL,
                    (double) hundred.peakRssKib() / ten.peakRssKib()));
      }
      System.out.printf(
          Locale.ROOT,
          "%nBENCHMARK import (child java -jar sync-worker.jar import, Service Bus stand-in)"
              + " cores=%d memory=%,d MiB%n%s",
          Runtime.getRuntime().availableProcessors(),
          physicalMemoryMib(),
          report);
    }
  }

  private static String line(Result result) {
    return String.format(
        Locale.ROOT,
        "    %,7d rows: %5.1f s (JVM start included), %,6.0f rows/s, peak RSS %,d MiB"
            + " (VmHWM %,d MiB), heap after GC at most %,d MiB%n",
        result.rows(),
        result.seconds(),
        result.rate(),
        result.peakRssKib() / 1024,
        result.highWaterKib() / 1024,
        result.liveMib());
  }

  /** Rows as a CRM would export them: an address, roles, three typed attributes. */
  private static Path write(Path file, int rows) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          "email,roles,expiresAt,attr.displayName,attr.CohortYear:int64,attr.IsAlumnus:boolean\n");
      for (int i = 0; i < rows; i++) {
        out.write(
            "member"
                + i
                + "@bench.example,member;beta,2027-01-01T00:00:00Z,\"Member "
                + i
                + ", Example\","
                + (2000 + i % 30)
                + ","
                + (i % 2 == 0)
                + "\n");
      }
    }
    return file;
  }

  private static Result importFile(LocalWorld world, Path file, int rows, List<String> heap)
      throws Exception {
    String queue = world.newQueue(Duration.ofSeconds(60), 10);
    Map<String, String> env = world.workerEnvironment(queue, LocalWorld.newContainerName());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path gcLog = file.resolveSibling(file.getFileName() + ".gc.log");
    List<String> command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow"));
    command.addAll(heap);
    command.addAll(
        List.of(
            "-Xlog:gc:file=" + gcLog,
            "-jar",
            JAR.toString(),
            "import",
            file.toString(),
            "--time",
            "2026-03-01T00:00:00Z"));
    Path log = file.resolveSibling(file.getFileName() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peak = 0;
    long highWater = 0;
    while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
      try {
        String text = Files.readString(status);
        peak = Math.max(peak, kib(text, "VmRSS:"));
        highWater = Math.max(highWater, kib(text, "VmHWM:"));
      } catch (IOException e) {
        // The process ended between the check and the read.
      }
      assertThat(seconds(System.nanoTime() - started)).as("import timed out").isLessThan(900);
    }
    double seconds = seconds(System.nanoTime() - started);
    assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    assertThat(world.emulators().serviceBus().queueStats(queue).active()).isEqualTo(rows);
    return new Result(rows, heap, seconds, peak, highWater, liveAfterGc(gcLog));
  }

  /** The largest heap occupancy right after a collection, from the child's GC log. */
  private static long liveAfterGc(Path gcLog) throws IOException {
    Matcher after = Pattern.compile("->(\\d+)M\\(").matcher(Files.readString(gcLog));
    long most = 0;
    while (after.find()) {
      most = Math.max(most, Long.parseLong(after.group(1)));
    }
    return most;
  }

  private static long physicalMemoryMib() {
    try {
      return kib(Files.readString(Path.of("/proc/meminfo")), "MemTotal:") / 1024;
    } catch (IOException e) {
      return 0;
    }
  }

  private static long kib(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
      }
    }
    return 0;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
