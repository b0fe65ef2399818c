package dev.invitegate.responder.cosmos;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.TracingOptions;
import com.azure.cosmos.ConsistencyLevel;
import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.GatewayConnectionConfig;
import com.azure.cosmos.ThrottlingRetryOptions;
import com.azure.cosmos.models.CosmosClientTelemetryConfig;
import com.azure.cosmos.models.CosmosMicrometerMetricsOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.contracts.EmailKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The Cosmos client and the invitations container, read-only, warmed before traffic. */
public final class CosmosStore implements AutoCloseable {

  /** Never a stored key (not a plausible email), so the warm-up read is always a cheap 404. */
  private static final String WARM_UP_ID = "warm-up.invalid";

  private static final EmailKey WARM_UP_KEY = EmailKey.of("warm-up@invitegate.invalid");

  /** Bound on the read that checks a missing container is back. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /**
   * One point read holds a gateway connection for a few milliseconds, so a few dozen carry
   * thousands of reads per second. The SDK's default (1,000) lets a burst or a slow store open
   * hundreds of TLS connections at once, whose handshakes starve the reads they were meant to
   * serve; above this cap a read waits for a connection within its deadline instead.
   */
  static final int GATEWAY_CONNECTIONS = 64;

  /**
   * Reads of a missing id made before the process reports ready, all at once: they open a few
   * gateway connections (TLS handshakes) and load the read path's classes, so the first real calls
   * do not pay for that. Few on purpose: ready within 1.5 s of start matters more than a fully
   * compiled read path (400 reads here took about 2 s of the start-up, for a few milliseconds less
   * on the first calls); the JIT finishes the job on real traffic, sooner with an AOT cache.
   */
  static final int WARM_UP_READS = 4;

  private final CosmosAsyncClient client;
  private final CosmosAsyncContainer container;
  private volatile boolean warm;
  private volatile boolean containerMissing;

  private CosmosStore(CosmosAsyncClient client, String database, String container) {
    this.client = client;
    this.container = client.getDatabase(database).getContainer(container);
  }

  /**
   * Builds the client; the key is optional, without it the process's Azure identity (managed
   * identity in Azure) is used, which needs a data-plane reader role on the account.
   */
  public static CosmosStore connect(
      String endpoint,
      Optional<String> key,
      String database,
      String container,
      boolean gatewayMode,
      Duration deadline) {
    CosmosClientBuilder builder =
        new CosmosClientBuilder()
            .endpoint(endpoint)
            // Retrying a throttled read past the deadline helps nobody: the gate has answered.
            .throttlingRetryOptions(new ThrottlingRetryOptions().setMaxRetryWaitTime(deadline))
            .contentResponseOnWriteEnabled(false)
            // The responder only reads, so a session token would only order its own reads, and
            // resolving one costs the SDK a partition lookup per read (about 7 % of its CPU here).
            // Reads take what a replica has; the worker's writes reach it within milliseconds.
            .consistencyLevel(ConsistencyLevel.EVENTUAL)
            .clientTelemetryConfig(withoutTelemetry());
    if (key.isPresent()) {
      builder.key(key.get());
    } else {
      TokenCredential credential = new DefaultAzureCredentialBuilder().build();
      builder.credential(credential);
    }
    if (gatewayMode) {
      builder.gatewayMode(
          new GatewayConnectionConfig().setMaxConnectionPoolSize(GATEWAY_CONNECTIONS));
    } else {
      builder.directMode();
    }
    return new CosmosStore(builder.buildAsyncClient(), database, container);
  }

  /**
   * By default the SDK records client metrics for every operation (into Micrometer's global
   * registry, which nobody reads here) and runs its tracing pipeline; the responder's own metrics
   * and audit line already time every read.
   */
  private static CosmosClientTelemetryConfig withoutTelemetry() {
    CosmosMicrometerMetricsOptions metrics = new CosmosMicrometerMetricsOptions();
    metrics.setEnabled(false);
    return new CosmosClientTelemetryConfig()
        .metricsOptions(metrics)
        .tracingOptions(new TracingOptions().setEnabled(false));
  }

  public CosmosInvitationLookup lookup() {
    return new CosmosInvitationLookup(container, () -> containerMissing = true);
  }

  /**
   * Loads the container metadata, then at once: one read that must answer (404), a few reads
   * through the sign-up path (each opens a connection) and one that times out (its path loads
   * classes of its own), so the first sign-ups pay none of that. Returns whether the store
   * answered.
   */
  public boolean warmUp(Duration timeout) {
    try {
      container.read().block(timeout);
      CosmosInvitationLookup lookup = lookup();
      try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
        // Each read is bounded by its budget, so closing the executor waits a bounded time.
        readers.execute(() -> lookup.find(WARM_UP_KEY, Duration.ofMillis(1)));
        for (int i = 0; i < WARM_UP_READS; i++) {
          readers.execute(() -> lookup.find(WARM_UP_KEY, timeout));
        }
        try {
          container
              .readItem(WARM_UP_ID, new PartitionKey(WARM_UP_ID), JsonNode.class)
              .block(timeout);
        } catch (CosmosException e) {
          if (e.getStatusCode() != 404) {
            throw e;
          }
        }
      }
      warm = true;
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether the store can answer: warmed up, and the container not found missing since. After a
   * read found it missing, each call checks again, with one cheap read, so readiness comes back by
   * itself once the container exists again.
   */
  public boolean warm() {
    if (warm && containerMissing) {
      containerMissing = !containerExists(PROBE_TIMEOUT);
    }
    return warm && !containerMissing;
  }

  private boolean containerExists(Duration timeout) {
    try {
      container.readItem(WARM_UP_ID, new PartitionKey(WARM_UP_ID), JsonNode.class).block(timeout);
      return true;
    } catch (CosmosException e) {
      return e.getStatusCode() == 404
          && e.getSubStatusCode() != CosmosInvitationLookup.OWNER_RESOURCE_NOT_FOUND;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
