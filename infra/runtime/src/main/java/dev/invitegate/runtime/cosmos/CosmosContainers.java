package dev.invitegate.runtime.cosmos;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.runtime.settings.CosmosSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens the invitation container before a service reports ready, the same way in both: the
 * container's metadata, then one point read of an id that is never stored, which must answer 404.
 * The first item request pays for metadata lookups and a connection; this pays it before traffic.
 */
public final class CosmosContainers {

  /** Never a stored key (not a plausible email), so the probe is always a cheap 404. */
  public static final String PROBE_ID = "warm-up.invalid";

  private CosmosContainers() {}

  /** The container, without checking anything. */
  public static CosmosAsyncContainer container(CosmosAsyncClient client, CosmosSettings settings) {
    return client.getDatabase(settings.database()).getContainer(settings.container());
  }

  /**
   * Creates the database and the container (partition key path {@code /id}) unless they exist.
   * Local development only: in Azure they are deployed, and a service never creates them.
   */
  public static void createIfMissing(
      CosmosAsyncClient client, CosmosSettings settings, Duration timeout) {
    client.createDatabaseIfNotExists(settings.database()).timeout(timeout).block();
    client
        .getDatabase(settings.database())
        .createContainerIfNotExists(new CosmosContainerProperties(settings.container(), "/id"))
        .timeout(timeout)
        .block();
  }

  /**
   * Reads the container's metadata and probes it with one point read.
   *
   * @return empty when the container answered as it should; else why not
   */
  public static Optional<CosmosFailure> warmUp(CosmosAsyncContainer container, Duration timeout) {
    try {
      container.read().timeout(timeout).block();
    } catch (RuntimeException e) {
      CosmosFailure failure = CosmosFailure.of("reading the container", e);
      // Reading the container itself answers a plain 404 when it does not exist.
      return Optional.of(
          failure.kind() == CosmosFailure.Kind.ITEM_NOT_FOUND ? missing(container) : failure);
    }
    return probe(container, timeout);
  }

  /** One point read of {@link #PROBE_ID}: empty when it answers 404 for the item, as it must. */
  public static Optional<CosmosFailure> probe(CosmosAsyncContainer container, Duration timeout) {
    try {
      container
          .readItem(PROBE_ID, new PartitionKey(PROBE_ID), JsonNode.class)
          .timeout(timeout)
          .block();
      return Optional.empty();
    } catch (RuntimeException e) {
      CosmosFailure failure = CosmosFailure.of("a probe read", e);
      return failure.kind() == CosmosFailure.Kind.ITEM_NOT_FOUND
          ? Optional.empty()
          : Optional.of(failure);
    }
  }

  private static CosmosFailure missing(CosmosAsyncContainer container) {
    return new CosmosFailure(
        CosmosFailure.Kind.CONTAINER_MISSING,
        "Cosmos DB container '"
            + container.getId()
            + "' in database '"
            + container.getDatabase().getId()
            + "' does not exist (create it, or set INVITEGATE_COSMOS_CREATE_IF_MISSING=true for"
            + " local development)");
  }
}
