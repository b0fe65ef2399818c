package dev.invitegate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The local Cosmos DB and Service Bus stand-ins, started as one Node.js process ({@code
 * infra/local/start.js}) on free loopback ports. For development and tests only.
 *
 * <p>The process dies with this JVM even on SIGKILL: it exits when its standard input closes.
 */
public final class LocalEmulators implements AutoCloseable {

  /**
   * Where the Node.js stand-ins live, when neither the property nor a parent folder says otherwise.
   */
  public static final String DIRECTORY_PROPERTY = "invitegate.local.dir";

  /** The Cosmos SDK skips certificate validation for loopback emulators only when this is true. */
  public static final String COSMOS_CERT_VALIDATION_DISABLED =
      "COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Map<String, String> settings;
  private final CosmosControl cosmos;
  private final ServiceBusControl serviceBus;

  private LocalEmulators(
      Process process,
      Map<String, String> settings,
      CosmosControl cosmos,
      ServiceBusControl serviceBus) {
    this.process = process;
    this.settings = settings;
    this.cosmos = cosmos;
    this.serviceBus = serviceBus;
  }

  /**
   * Options of {@code start.js}; every queue listed is created at start-up.
   *
   * @param cosmosPort the Cosmos stand-in's port; 0 picks a free one
   * @param serviceBusPort the Service Bus stand-in's port; 0 picks a free one
   */
  public record Options(
      List<String> queues,
      Duration lockDuration,
      int maxDeliveryCount,
      int cosmosPort,
      int serviceBusPort) {
    public Options {
      queues = List.copyOf(queues);
      if (queues.isEmpty()) {
        throw new IllegalArgumentException("at least one queue");
      }
      if (lockDuration.isNegative() || lockDuration.isZero()) {
        throw new IllegalArgumentException("lockDuration must be positive");
      }
      if (maxDeliveryCount < 1) {
        throw new IllegalArgumentException("maxDeliveryCount must be at least 1");
      }
    }

    public Options(List<String> queues, Duration lockDuration, int maxDeliveryCount) {
      this(queues, lockDuration, maxDeliveryCount, 0, 0);
    }

    /** Service Bus's own defaults: lock duration one minute, max delivery count 10. */
    public static Options defaults() {
      return new Options(List.of("invitation-events"), Duration.ofMinutes(1), 10);
    }

    /** These options with the stand-ins on the given ports (0: a free one). */
    public Options onPorts(int cosmos, int serviceBus) {
      return new Options(queues, lockDuration, maxDeliveryCount, cosmos, serviceBus);
    }
  }

  public static LocalEmulators start() {
    return start(Options.defaults());
  }

  public static LocalEmulators start(Options options) {
    return start(options, ProcessBuilder.Redirect.INHERIT);
  }

  /** As {@link #start(Options)}, the stand-ins' messages written to {@code log}. */
  public static LocalEmulators start(Options options, Path log) {
    return start(options, ProcessBuilder.Redirect.to(log.toFile()));
  }

  private static LocalEmulators start(Options options, ProcessBuilder.Redirect messages) {
    Path dir = directory();
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      throw new IllegalStateException(
          "npm packages of the local emulators are missing in "
              + dir
              + ": run `node ensure-deps.js` there (the Maven build of infra/local does it)");
    }
    List<String> command = new ArrayList<>(List.of(node(), "start.js", "--json", "--watch-stdin"));
    for (String queue : options.queues()) {
      command.add("--queue");
      command.add(queue);
    }
    command.add("--lock-duration-ms");
    command.add(Long.toString(options.lockDuration().toMillis()));
    command.add("--max-delivery-count");
    command.add(Integer.toString(options.maxDeliveryCount()));
    command.add("--cosmos-port");
    command.add(Integer.toString(options.cosmosPort()));
    command.add("--servicebus-port");
    command.add(Integer.toString(options.serviceBusPort()));

    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(messages).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the local emulators with `"
              + String.join(" ", command)
              + "` (is Node.js 20+ on PATH?)",
          e);
    }
    try {
      JsonNode ready = readReadyLine(process);
      Map<String, String> settings = new LinkedHashMap<>();
      ready
          .get("settings")
          .properties()
          .forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
      // The Cosmos SDK reads this as a system property; the environment variable only reaches child
      // processes.
      System.setProperty(COSMOS_CERT_VALIDATION_DISABLED, "true");
      return new LocalEmulators(
          process,
          Map.copyOf(settings),
          new CosmosControl(URI.create(ready.get("cosmosControl").asText())),
          new ServiceBusControl(URI.create(ready.get("serviceBusControl").asText())));
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static JsonNode readReadyLine(Process process) {
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return stdout.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      String text = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (text == null) {
        throw new IllegalStateException(
            "the local emulators exited before they were ready (see their messages above)");
      }
      return JSON.readTree(text);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the local emulators were not ready within " + START_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the local emulators", e);
    } catch (ExecutionException | IOException e) {
      throw new IllegalStateException("cannot read the local emulators' settings", e);
    }
  }

  private static String node() {
    String configured = System.getenv("INVITEGATE_NODE");
    return configured == null || configured.isBlank() ? "node" : configured;
  }

  /**
   * The {@code infra/local} folder: the system property, else the nearest parent folder that has
   * it.
   */
  public static Path directory() {
    String configured = System.getProperty(DIRECTORY_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured).toAbsolutePath().normalize();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("infra/local/start.js"))) {
        return p.resolve("infra/local");
      }
      if (Files.isRegularFile(p.resolve("start.js")) && Files.isDirectory(p.resolve("cosmos"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find infra/local/start.js above "
            + Paths.get("").toAbsolutePath()
            + "; set -D"
            + DIRECTORY_PROPERTY);
  }

  /**
   * The settings as environment variables ({@code INVITEGATE_SERVICEBUS_CONNECTION_STRING}, {@code
   * INVITEGATE_COSMOS_ENDPOINT}, ...), ready for a child process.
   */
  public Map<String, String> settings() {
    return settings;
  }

  public String serviceBusConnectionString() {
    return settings.get("INVITEGATE_SERVICEBUS_CONNECTION_STRING");
  }

  public String cosmosEndpoint() {
    return settings.get("INVITEGATE_COSMOS_ENDPOINT");
  }

  public String cosmosKey() {
    return settings.get("INVITEGATE_COSMOS_KEY");
  }

  /** Fault injection and request counts of the Cosmos stand-in. */
  public CosmosControl cosmos() {
    return cosmos;
  }

  /** Queue management of the Service Bus stand-in. */
  public ServiceBusControl serviceBus() {
    return serviceBus;
  }

  /**
   * CPU time (user and system) the stand-ins have used so far, their child processes included;
   * benchmarks sharing the machine with them print it per call.
   */
  public Duration cpuTime() {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
        .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** Stops both stand-ins: closes their standard input, then SIGTERM, then SIGKILL. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // Closing is best effort; the signals below follow anyway.
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
