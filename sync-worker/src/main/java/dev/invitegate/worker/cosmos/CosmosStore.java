package dev.invitegate.worker.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.worker.projection.LedgerFailure;
import java.util.UUID;

/** Opens the invitation container at start-up: checks it exists (or creates it when told to). */
public final class CosmosStore {

  private CosmosStore() {}

  /**
   * The container, verified to exist and to accept the credentials, with connections warmed up.
   *
   * @throws LedgerFailure of kind FATAL when it is missing or access is denied, TRANSIENT when
   *     Cosmos DB could not be reached
   */
  public static CosmosContainer open(
      CosmosClient client, String database, String container, boolean createIfMissing) {
    try {
      CosmosContainer opened;
      if (createIfMissing) {
        client.createDatabaseIfNotExists(database);
        CosmosDatabase db = client.getDatabase(database);
        db.createContainerIfNotExists(new CosmosContainerProperties(container, "/id"));
        opened = db.getContainer(container);
      } else {
        opened = client.getDatabase(database).getContainer(container);
        opened.read();
      }
      warmUp(opened);
      return opened;
    } catch (CosmosException e) {
      if (e.getStatusCode() == 404) {
        throw new LedgerFailure(
            LedgerFailure.Kind.FATAL,
            "Cosmos DB container '"
                + container
                + "' in database '"
                + database
                + "' does not exist (create it, or set INVITEGATE_COSMOS_CREATE_IF_MISSING=true"
                + " for local development)",
            e);
      }
      throw CosmosFailures.classify("opening the container", e);
    }
  }

  /** The first item request pays for metadata lookups; pay it before reporting ready. */
  private static void warmUp(CosmosContainer container) {
    String probe = "warm-up-" + UUID.randomUUID();
    try {
      container.readItem(probe, new PartitionKey(probe), JsonNode.class);
    } catch (CosmosException e) {
      if (e.getStatusCode() != 404) {
        throw e;
      }
    }
  }
}
