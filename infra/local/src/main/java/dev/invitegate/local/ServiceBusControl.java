package dev.invitegate.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Creates and inspects queues of the local Service Bus stand-in (the SDK has no way to do it over
 * AMQP).
 */
public final class ServiceBusControl {

  private final ControlClient client;

  ServiceBusControl(URI base) {
    this.client = new ControlClient(base);
  }

  /** What a queue holds now. */
  public record QueueStats(long active, long locked, long deadLettered) {}

  /** Creates the queue if it does not exist (idempotent). */
  public void createQueue(String name, Duration lockDuration, int maxDeliveryCount) {
    client.send(
        "PUT",
        path(name),
        Map.of("lockDurationMs", lockDuration.toMillis(), "maxDeliveryCount", maxDeliveryCount));
  }

  /**
   * Creates the queue if it does not exist (idempotent), with duplicate detection: a message whose
   * message id was sent within {@code duplicateDetectionWindow} is dropped, as on a queue created
   * with {@code requiresDuplicateDetection}.
   */
  public void createQueue(
      String name, Duration lockDuration, int maxDeliveryCount, Duration duplicateDetectionWindow) {
    client.send(
        "PUT",
        path(name),
        Map.of(
            "lockDurationMs",
            lockDuration.toMillis(),
            "maxDeliveryCount",
            maxDeliveryCount,
            "duplicateDetectionWindowMs",
            duplicateDetectionWindow.toMillis()));
  }

  public void deleteQueue(String name) {
    client.send("DELETE", path(name), null);
  }

  public QueueStats queueStats(String name) {
    JsonNode json = client.send("GET", path(name), null);
    return new QueueStats(
        json.path("active").asLong(),
        json.path("locked").asLong(),
        json.path("deadLettered").asLong());
  }

  private static String path(String queue) {
    return "/queues/" + URLEncoder.encode(queue, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
