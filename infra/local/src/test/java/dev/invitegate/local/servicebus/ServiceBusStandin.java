package dev.invitegate.local.servicebus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code node servicebus/standin.js} on free ports for these tests and talks to its control
 * endpoint. Stop-gap until the module's shared JUnit extension starts the emulators.
 */
final class ServiceBusStandin implements AutoCloseable {

  private static final Pattern READY =
      Pattern.compile("\\{\"service\":\"servicebus\",\"amqpPort\":(\\d+),\"controlPort\":(\\d+)}");
  private static final Pattern COUNTER = Pattern.compile("\"(\\w+)\":(\\d+)");

  private final Process process;
  private final int amqpPort;
  private final int controlPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private ServiceBusStandin(Process process, int amqpPort, int controlPort) {
    this.process = process;
    this.amqpPort = amqpPort;
    this.controlPort = controlPort;
  }

  static ServiceBusStandin start() throws IOException {
    Path script = Path.of("servicebus", "standin.js").toAbsolutePath();
    if (!Files.exists(script.getParent().getParent().resolve(Path.of("node_modules", "rhea")))) {
      throw new IllegalStateException(
          "npm dependencies missing: run `npm ci` in " + script.getParent().getParent());
    }
    Process process =
        new ProcessBuilder("node", script.toString(), "--watch-stdin")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    var stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = stdout.readLine();
    Matcher ready = line == null ? null : READY.matcher(line);
    if (ready == null || !ready.matches()) {
      process.destroyForcibly();
      throw new IllegalStateException("stand-in did not report ready, said: " + line);
    }
    return new ServiceBusStandin(
        process, Integer.parseInt(ready.group(1)), Integer.parseInt(ready.group(2)));
  }

  String connectionString() {
    return "Endpoint=sb://localhost:"
        + amqpPort
        + ";SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;"
        + "UseDevelopmentEmulator=true";
  }

  /** Creates a fresh queue with a random name. */
  String createQueue(Duration lockDuration, int maxDeliveryCount) {
    String name = "q-" + UUID.randomUUID();
    String body =
        "{\"lockDurationMs\":%d,\"maxDeliveryCount\":%d}"
            .formatted(lockDuration.toMillis(), maxDeliveryCount);
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(queueUri(name)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("queue not created: " + response.statusCode());
    }
    return name;
  }

  QueueCounts counts(String queue) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(queueUri(queue)).GET());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("queue stats failed: " + response.statusCode());
    }
    Matcher m = COUNTER.matcher(response.body());
    long active = -1;
    long locked = -1;
    long deadLettered = -1;
    while (m.find()) {
      long value = Long.parseLong(m.group(2));
      switch (m.group(1)) {
        case "active" -> active = value;
        case "locked" -> locked = value;
        case "deadLettered" -> deadLettered = value;
        default -> {}
      }
    }
    return new QueueCounts(active, locked, deadLettered);
  }

  record QueueCounts(long active, long locked, long deadLettered) {}

  private URI queueUri(String name) {
    return URI.create("http://127.0.0.1:" + controlPort + "/queues/" + name);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("control endpoint unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    http.close();
  }
}
