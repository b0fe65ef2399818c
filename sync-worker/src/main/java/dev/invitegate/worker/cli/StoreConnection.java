package dev.invitegate.worker.cli;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.invitegate.runtime.cosmos.CosmosClients;
import dev.invitegate.runtime.cosmos.CosmosContainers;
import dev.invitegate.runtime.cosmos.CosmosFailure;
import dev.invitegate.runtime.settings.CosmosSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The invitation container for a command that reads the store, opened as the services open theirs
 * (the one client factory, the one warm-up): a missing container or refused credentials is a
 * configuration error naming what to fix; anything else, a failure.
 */
final class StoreConnection implements AutoCloseable {

  /** A command reads one page or one document at a time: a few connections are plenty. */
  private static final int GATEWAY_CONNECTIONS = 8;

  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

  private final CosmosAsyncClient client;
  private final CosmosAsyncContainer container;

  private StoreConnection(CosmosAsyncClient client, CosmosAsyncContainer container) {
    this.client = client;
    this.container = container;
  }

  static StoreConnection open(CliContext context) {
    CosmosSettings settings = Settings.cosmos(context);
    CosmosAsyncClient client =
        CosmosClients.connect(
            settings,
            () -> new DefaultAzureCredentialBuilder().build(),
            GATEWAY_CONNECTIONS,
            UnaryOperator.identity());
    CosmosAsyncContainer container = CosmosContainers.container(client, settings);
    Optional<CosmosFailure> failure = CosmosContainers.warmUp(container, OPEN_TIMEOUT);
    if (failure.isPresent()) {
      client.close();
      if (failure.get().kind().needsOperator()) {
        throw new ConfigurationError(failure.get().description());
      }
      throw new IllegalStateException(failure.get().description());
    }
    return new StoreConnection(client, container);
  }

  CosmosAsyncContainer container() {
    return container;
  }

  @Override
  public void close() {
    client.close();
  }
}
