package dev.invitegate.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Disturbs the local Cosmos stand-in for tests (error statuses, delays, dropped connections, for a
 * while, keeping its data) and counts the requests it served per route.
 */
public final class CosmosControl {

  /** Which requests a fault touches: item operations only (the default), or every request. */
  public enum Scope {
    DOCUMENTS,
    ALL
  }

  private final ControlClient client;

  CosmosControl(URI base) {
    this.client = new ControlClient(base);
  }

  /**
   * Answers item requests with {@code status} (e.g. 503, or 429 with a short retry-after) for
   * {@code period}.
   */
  public void failWith(int status, Duration period) {
    put(Map.of("mode", "status", "status", status, "forMs", period.toMillis()));
  }

  /** Answers the next {@code count} item requests with {@code status}. */
  public void failNext(int status, int count) {
    put(Map.of("mode", "status", "status", status, "count", count));
  }

  /** Delays item requests by {@code delay} for {@code period}. */
  public void delay(Duration delay, Duration period) {
    put(Map.of("mode", "delay", "delayMs", delay.toMillis(), "forMs", period.toMillis()));
  }

  /** Drops the connection of every request in {@code scope} for {@code period}. */
  public void dropConnections(Scope scope, Duration period) {
    put(Map.of("mode", "reset", "scope", scope.name().toLowerCase(), "forMs", period.toMillis()));
  }

  public void clearFaults() {
    client.send("DELETE", "/faults", null);
  }

  /**
   * Requests served since the last reset, keyed by method and route, e.g. {@code GET
   * /dbs/{id}/colls/{id}/docs/{id}}.
   */
  public Map<String, Long> requestCounts() {
    JsonNode json = client.send("GET", "/stats", null);
    Map<String, Long> counts = new LinkedHashMap<>();
    json.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }

  public void resetRequestCounts() {
    client.send("DELETE", "/stats", null);
  }

  private void put(Map<String, Object> fault) {
    client.send("PUT", "/faults", fault);
  }
}
