package dev.invitegate.worker.it;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.runtime.cosmos.CosmosClients;
import dev.invitegate.runtime.cosmos.CosmosContainers;
import dev.invitegate.runtime.settings.CosmosSettings;
import dev.invitegate.worker.cosmos.CosmosInvitationLedger;
import dev.invitegate.worker.projection.InvitationLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What end-to-end tests share: fresh queues and containers on the local emulators, a publisher, a
 * reader of the stored documents and of the dead-letter queue, and the worker's environment.
 */
public final class LocalWorld implements AutoCloseable {

  public static final String DATABASE = "invitegate-it";

  private final LocalEmulators emulators;
  private final CosmosAsyncClient cosmos;
  private final HttpClient http = HttpClient.newHttpClient();

  public LocalWorld(LocalEmulators emulators) {
    this.emulators = emulators;
    // Built as the worker builds its own, with as many gateway connections as its default.
    this.cosmos =
        CosmosClients.connect(
            cosmosSettings("unused"),
            () -> {
              throw new IllegalStateException("the stand-in takes its key");
            },
            100,
            UnaryOperator.identity());
  }

  public LocalEmulators emulators() {
    return emulators;
  }

  public String newQueue(Duration lockDuration, int maxDeliveryCount) {
    String name = "q-" + UUID.randomUUID();
    emulators.serviceBus().createQueue(name, lockDuration, maxDeliveryCount);
    return name;
  }

  public static String newContainerName() {
    return "c-" + UUID.randomUUID();
  }

  /** The worker's environment for one queue and container, as an operator would set it. */
  public Map<String, String> workerEnvironment(String queue, String container) {
    Map<String, String> env = new HashMap<>(emulators.settings());
    env.put("INVITEGATE_SERVICEBUS_QUEUE", queue);
    env.put("INVITEGATE_COSMOS_DATABASE", DATABASE);
    env.put("INVITEGATE_COSMOS_CONTAINER", container);
    env.put("INVITEGATE_COSMOS_CREATE_IF_MISSING", "true");
    env.put("INVITEGATE_WORKER_CONCURRENCY", "8");
    env.put("INVITEGATE_ADMIN_PORT", "0");
    env.put("INVITEGATE_WORKER_RETRY_BACKOFF_MS", "100");
    env.put("INVITEGATE_WORKER_SHUTDOWN_TIMEOUT_SECONDS", "10");
    env.put("INVITEGATE_LOG_HASH_KEY", "integration-tests-hash-key");
    return env;
  }

  public ServiceBusClientBuilder serviceBusClients() {
    return new ServiceBusClientBuilder().connectionString(emulators.serviceBusConnectionString());
  }

  /** Publishes the bodies in batches, as upstream publishers do. */
  public void publish(String queue, List<byte[]> bodies) {
    try (ServiceBusSenderClient sender = sender(queue)) {
      publish(sender, bodies);
    }
  }

  /** A sender to keep open across many publishes. */
  public ServiceBusSenderClient sender(String queue) {
    return serviceBusClients().sender().queueName(queue).buildClient();
  }

  /** Sends in batches of at most 100, each message with a message id of its own. */
  public static void publish(ServiceBusSenderClient sender, List<byte[]> bodies) {
    publish(sender, bodies, Map.of());
  }

  /** As {@link #publish(ServiceBusSenderClient, List)}, each with these application properties. */
  public static void publish(
      ServiceBusSenderClient sender, List<byte[]> bodies, Map<String, Object> properties) {
    ServiceBusMessageBatch batch = sender.createMessageBatch();
    for (byte[] body : bodies) {
      ServiceBusMessage message =
          new ServiceBusMessage(body)
              .setContentType("application/cloudevents+json")
              .setMessageId(UUID.randomUUID().toString());
      message.getApplicationProperties().putAll(properties);
      if (batch.getCount() >= 100 || !batch.tryAddMessage(message)) {
        sender.sendMessages(batch);
        batch = sender.createMessageBatch();
        batch.tryAddMessage(message);
      }
    }
    if (batch.getCount() > 0) {
      sender.sendMessages(batch);
    }
  }

  /** A ledger on the container through the real adapter, creating the container if needed. */
  public InvitationLedger ledger(String container) {
    CosmosSettings settings = cosmosSettings(container);
    CosmosContainers.createIfMissing(cosmos, settings, Duration.ofSeconds(30));
    return new CosmosInvitationLedger(CosmosContainers.container(cosmos, settings));
  }

  private CosmosSettings cosmosSettings(String container) {
    return new CosmosSettings(
        URI.create(emulators.cosmosEndpoint()),
        Optional.of(emulators.cosmosKey()),
        DATABASE,
        container,
        true);
  }

  /**
   * Receives (and completes) exactly {@code count} dead-lettered messages within {@code within}.
   */
  public List<ServiceBusReceivedMessage> deadLetters(String queue, int count, Duration within) {
    try (ServiceBusReceiverClient receiver =
        serviceBusClients()
            .receiver()
            .queueName(queue)
            .subQueue(SubQueue.DEAD_LETTER_QUEUE)
            .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE)
            .buildClient()) {
      List<ServiceBusReceivedMessage> received = new ArrayList<>();
      long deadline = System.nanoTime() + within.toNanos();
      while (received.size() < count && System.nanoTime() < deadline) {
        receiver
            .receiveMessages(count - received.size(), Duration.ofSeconds(2))
            .forEach(received::add);
      }
      return received;
    }
  }

  /** GET on the worker's admin port; status and body. */
  public Map.Entry<Integer, String> admin(int port, String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return Map.entry(response.statusCode(), response.body());
    } catch (java.io.IOException e) {
      return Map.entry(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A series' value in the worker's Prometheus text, 0 if absent: {@code name} or {@code
   * name{label="value"}}. Labels the series has beyond those asked for (Helidon adds {@code scope})
   * do not matter.
   */
  public static double metric(String scrape, String series) {
    int brace = series.indexOf('{');
    String name = brace < 0 ? series : series.substring(0, brace);
    List<String> labels =
        brace < 0
            ? List.of()
            : List.of(series.substring(brace + 1, series.length() - 1).split(","));
    for (String line : scrape.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (line.startsWith("#") || space < 0) {
        continue;
      }
      String key = line.substring(0, space);
      int open = key.indexOf('{');
      String lineName = open < 0 ? key : key.substring(0, open);
      List<String> lineLabels =
          open < 0 ? List.of() : List.of(key.substring(open + 1, key.lastIndexOf('}')).split(","));
      if (lineName.equals(name) && lineLabels.containsAll(labels)) {
        return Double.parseDouble(line.substring(space + 1).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() {
    cosmos.close();
  }
}
