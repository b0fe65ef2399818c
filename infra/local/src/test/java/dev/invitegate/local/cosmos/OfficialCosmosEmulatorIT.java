package dev.invitegate.local.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.local.RequiresDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.CosmosDBEmulatorContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same Cosmos scenarios against Microsoft's Linux Cosmos DB emulator, where Docker is
 * available.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialCosmosEmulatorIT extends CosmosScenarios {

  private static final DockerImageName IMAGE =
      DockerImageName.parse("mcr.microsoft.com/cosmosdb/linux/azure-cosmos-emulator:latest");

  private CosmosDBEmulatorContainer emulator;
  private CosmosClient client;

  @BeforeAll
  void start() {
    emulator = new CosmosDBEmulatorContainer(IMAGE);
    emulator.start();
    // The emulator's certificate is self-signed; the SDK skips validation for loopback emulator
    // hosts.
    System.setProperty(LocalEmulators.COSMOS_CERT_VALIDATION_DISABLED, "true");
    client =
        new CosmosClientBuilder()
            .endpoint(emulator.getEmulatorEndpoint())
            .key(emulator.getEmulatorKey())
            .gatewayMode()
            .endpointDiscoveryEnabled(false)
            .buildClient();
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (emulator != null) {
      emulator.stop();
    }
  }

  @Override
  CosmosClient client() {
    return client;
  }
}
