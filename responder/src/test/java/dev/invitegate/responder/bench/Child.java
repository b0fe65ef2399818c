package dev.invitegate.responder.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM the benchmark started, with its output in {@code target/bench-<name>.log}. */
record Child(String name, Process process, Path log, long spawnedNanos) {

  /** Generous: a responder writing an AOT cache at exit takes a while; a wedged one is killed. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** The ports a started JVM printed: its main port, and its admin port or -1. */
  record Ports(int main, int admin) {}

  static Child start(
      String name, List<String> command, Map<String, String> env, List<Child> children)
      throws IOException {
    Path log = Path.of("target", "bench-" + name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long spawned = System.nanoTime();
    Child child = new Child(name, builder.start(), log, spawned);
    children.add(child);
    return child;
  }

  long pid() {
    return process.pid();
  }

  Duration cpu() {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name + " exited with " + process.exitValue() + "; see " + log);
    }
  }

  Ports await(Pattern listening, Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      requireAlive();
      Matcher m = listening.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        int main = Integer.parseInt(m.group(1));
        return new Ports(main, m.groupCount() > 1 ? Integer.parseInt(m.group(2)) : -1);
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException(name + " did not start listening within " + timeout);
  }

  Optional<Long> find(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      try {
        Matcher m = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
          return Optional.of(Long.parseLong(m.group(1)));
        }
      } catch (IOException e) {
        return Optional.empty();
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return Optional.empty();
  }

  /** SIGTERM, then SIGKILL: a JVM wedged by a full heap may never run its shutdown hooks. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        System.out.println(name + " ignored SIGTERM for " + STOP_TIMEOUT + "; killing it");
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
