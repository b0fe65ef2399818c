package dev.invitegate.local.cosmos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.ThrottlingRetryOptions;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Cosmos scenarios against the local stand-in, plus its fault injection and request counts. */
@ExtendWith(LocalAzureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalCosmosIT extends CosmosScenarios {

  private LocalEmulators emulators;
  private CosmosClient client;

  @BeforeAll
  void connect(LocalEmulators emulators) {
    this.emulators = emulators;
    this.client =
        new CosmosClientBuilder()
            .endpoint(emulators.cosmosEndpoint())
            .key(emulators.cosmosKey())
            .gatewayMode()
            .endpointDiscoveryEnabled(false)
            // No SDK-side retries of 429, so the injected throttling is visible to the test.
            .throttlingRetryOptions(
                new ThrottlingRetryOptions().setMaxRetryAttemptsOnThrottledRequests(0))
            .buildClient();
  }

  @AfterAll
  void disconnect() {
    client.close();
  }

  @AfterEach
  void clearFaults() {
    emulators.cosmos().clearFaults();
  }

  @Override
  CosmosClient client() {
    return client;
  }

  @Test
  void injectedThrottling_surfacesAs429_andStopsWhenCleared() {
    String id = "grace@example.com";
    container().upsertItem(item(id, "granted"));
    emulators.cosmos().failWith(429, Duration.ofMinutes(1));

    assertThatThrownBy(() -> container().readItem(id, new PartitionKey(id), ObjectNode.class))
        .isInstanceOfSatisfying(
            CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(429));

    emulators.cosmos().clearFaults();
    assertThat(container().readItem(id, new PartitionKey(id), ObjectNode.class).getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void injectedDelay_slowsItemRequestsOnly() {
    String id = "heidi@example.com";
    container().upsertItem(item(id, "granted"));
    emulators.cosmos().delay(Duration.ofMillis(300), Duration.ofMinutes(1));

    long start = System.nanoTime();
    container().readItem(id, new PartitionKey(id), ObjectNode.class);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
  }

  @Test
  void countedFault_passesAfterTheCount() {
    String id = "ivan@example.com";
    container().upsertItem(item(id, "granted"));
    emulators.cosmos().failNext(429, 1);

    assertThatThrownBy(() -> container().readItem(id, new PartitionKey(id), ObjectNode.class))
        .isInstanceOf(CosmosException.class);
    assertThat(container().readItem(id, new PartitionKey(id), ObjectNode.class).getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void requestCounts_showOnePointReadPerRead() {
    String id = "judy@example.com";
    container().upsertItem(item(id, "granted"));
    container().readItem(id, new PartitionKey(id), ObjectNode.class);
    emulators.cosmos().resetRequestCounts();

    container().readItem(id, new PartitionKey(id), ObjectNode.class);

    assertThat(emulators.cosmos().requestCounts())
        .containsExactly(java.util.Map.entry("GET /dbs/{id}/colls/{id}/docs/{id}", 1L));
  }
}
