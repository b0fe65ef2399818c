package dev.invitegate.responder.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What Linux and the JDK's tools say about a running JVM: resident memory, context switches by
 * thread group and the CPU time of its JIT's compiler threads (from {@code /proc}), and how many
 * methods its JIT has compiled ({@code jstat}). {@code /proc} is read by hand: no maintained
 * library gives per-thread figures of another process.
 */
final class ProcFigures {

  /** Linux's unit of {@code utime} and {@code stime} (USER_HZ: 100 on every usual kernel). */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private ProcFigures() {}

  /** Resident set size in KiB from {@code /proc/<pid>/status}, or -1. */
  static long rssKiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Voluntary and involuntary context switches so far, summed by thread group: the thread's name
   * with its numbers replaced by {@code #} ({@code ForkJoinPool-1-worker-3} becomes {@code
   * ForkJoinPool-#-}, Linux keeping 15 characters of a name). A thread that ended is not counted.
   */
  static Map<String, Long> contextSwitches(long pid) {
    Map<String, Long> byGroup = new TreeMap<>();
    eachThread(
        pid,
        (name, task) -> {
          long switches = 0;
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:")) {
              switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
          byGroup.merge(threadGroup(name), switches, Long::sum);
        });
    return byGroup;
  }

  /**
   * CPU time so far of the JIT's compiler threads ({@code C1 CompilerThread#}, {@code C2
   * CompilerThread#}), from {@code /proc/<pid>/task/<tid>/stat}; zero if it cannot be read. A
   * compiler thread that ended (the JVM adds and removes them with the queue's length) is not
   * counted, so this may fall short, never over.
   */
  static Duration compilerCpu(long pid) {
    AtomicLong ticks = new AtomicLong();
    eachThread(
        pid,
        (name, task) -> {
          if (isCompilerThread(name)) {
            ticks.addAndGet(cpuTicks(Files.readString(task.resolve("stat"))));
          }
        });
    return Duration.ofNanos(ticks.get() * (1_000_000_000L / CLOCK_TICKS_PER_SECOND));
  }

  /** Reads one thread's figures from its {@code /proc/<pid>/task/<tid>} folder. */
  private interface ThreadReader {
    void read(String name, Path task) throws IOException;
  }

  /**
   * Runs {@code reader} for each live thread of {@code pid} with its name as Linux keeps it; a
   * thread that ends while being read is left out, as is every thread if the process is gone.
   */
  private static void eachThread(long pid, ThreadReader reader) {
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        try {
          reader.read(Files.readString(task.resolve("comm")).trim(), task);
        } catch (IOException | RuntimeException e) {
          // The thread ended while being read.
        }
      }
    } catch (IOException e) {
      // The process is gone: nothing to count.
    }
  }

  static boolean isCompilerThread(String comm) {
    return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
  }

  /**
   * {@code utime + stime} of a {@code /proc/.../stat} line, in clock ticks: fields 14 and 15,
   * counted after the command name, which is in parentheses and may itself hold spaces and
   * parentheses.
   */
  static long cpuTicks(String statLine) {
    String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
    // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  static String threadGroup(String threadName) {
    return threadName.replaceAll("[0-9]+", "#");
  }

  /** The JIT's compilation count so far ({@code jstat -compiler}), or -1 if it cannot be read. */
  static long compilations(long pid) {
    Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
    try {
      Process process =
          new ProcessBuilder(jstat.toString(), "-compiler", Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return parseCompilations(lines);
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The first column of {@code jstat -compiler}'s second line ({@code Compiled}), or -1. */
  static long parseCompilations(List<String> jstatOutput) {
    if (jstatOutput.size() < 2 || !jstatOutput.get(0).trim().startsWith("Compiled")) {
      return -1;
    }
    try {
      return Long.parseLong(jstatOutput.get(1).trim().split("\\s+")[0]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Samples a process's RSS every 100 ms on its own thread until stopped. */
  static final class RssSampler {
    private final AtomicLong max = new AtomicLong(-1);
    private final Thread thread;

    private RssSampler(long pid) {
      thread =
          Thread.ofPlatform()
              .daemon()
              .name("rss-sampler")
              .start(
                  () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                      long kib = rssKiB(pid);
                      if (kib >= 0) {
                        max.accumulateAndGet(kib, Math::max);
                      }
                      try {
                        Thread.sleep(100);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    static RssSampler start(long pid) {
      return new RssSampler(pid);
    }

    /** The largest sample in MiB, or NaN without one. */
    double stop() throws InterruptedException {
      thread.interrupt();
      thread.join(1000);
      long kib = max.get();
      return kib < 0 ? Double.NaN : kib / 1024.0;
    }
  }
}
