package dev.invitegate.local.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operators' commands of the worker's jar, run as an operator runs them ({@code java -jar
 * sync-worker.jar invite ...}), against the local system's environment.
 */
final class WorkerCommands {

  /** What a command printed and how it ended. */
  record Result(int exitCode, String out) {}

  private final Path jar;
  private final Map<String, String> env;

  WorkerCommands(Path jar, Map<String, String> env) {
    this.jar = jar;
    this.env = Map.copyOf(env);
  }

  Result run(List<String> args) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(ChildService.javaCommand(jar, args)).redirectErrorStream(true);
    builder.environment().keySet().removeIf(variable -> variable.startsWith("INVITEGATE_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("java -jar sync-worker.jar " + String.join(" ", args) + ": no end");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Result(process.exitValue(), out);
  }

  /** Runs {@code args}; a command that does not exit 0 stops the caller with what it printed. */
  String require(List<String> args) throws IOException {
    Result result = run(args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "java -jar sync-worker.jar "
              + String.join(" ", args)
              + " exited "
              + result.exitCode()
              + ": "
              + result.out().strip());
    }
    return result.out();
  }
}
