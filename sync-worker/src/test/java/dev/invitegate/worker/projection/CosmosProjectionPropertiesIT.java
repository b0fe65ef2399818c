package dev.invitegate.worker.projection;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.worker.cosmos.CosmosInvitationLedger;
import dev.invitegate.worker.cosmos.CosmosStore;
import java.util.UUID;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@link ProjectionProperties} on Cosmos DB (the local emulator) through the real adapter: the same
 * permutations must give the same documents with real ETags and real 409/412 answers.
 */
class CosmosProjectionPropertiesIT extends ProjectionProperties {

  // jqwik does not run JUnit extensions, so this container starts its own pair of stand-ins.
  private static LocalEmulators emulators;
  private static CosmosClient client;
  private static InvitationLedger ledger;

  @BeforeContainer
  static void startCosmos() {
    emulators = LocalEmulators.start();
    client =
        new CosmosClientBuilder()
            .endpoint(emulators.cosmosEndpoint())
            .key(emulators.cosmosKey())
            .gatewayMode()
            .buildClient();
    ledger =
        new CosmosInvitationLedger(
            CosmosStore.open(client, "invitegate-it", "props-" + UUID.randomUUID(), true));
  }

  @AfterContainer
  static void stopCosmos() {
    if (client != null) {
      client.close();
    }
    if (emulators != null) {
      emulators.close();
    }
  }

  @Override
  InvitationLedger ledger() {
    return ledger;
  }
}
