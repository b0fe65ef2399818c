package dev.invitegate.runtime.cosmos;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.TracingOptions;
import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.GatewayConnectionConfig;
import com.azure.cosmos.models.CosmosClientTelemetryConfig;
import com.azure.cosmos.models.CosmosMicrometerMetricsOptions;
import dev.invitegate.runtime.StartupFailure;
import dev.invitegate.runtime.settings.CosmosSettings;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The one way both services build their Cosmos DB client. */
public final class CosmosClients {

  private CosmosClients() {}

  /**
   * Builds the client: the account key if one is configured, else {@code credential} (the process's
   * Azure identity); gateway or direct mode as configured; no telemetry.
   *
   * @param gatewayConnections connections the gateway client may hold at most
   * @param tuning what only one service sets (consistency, retries)
   * @throws StartupFailure naming the endpoint when the account cannot be reached or refuses
   */
  public static CosmosAsyncClient connect(
      CosmosSettings settings,
      Supplier<TokenCredential> credential,
      int gatewayConnections,
      UnaryOperator<CosmosClientBuilder> tuning) {
    CosmosClientBuilder builder =
        new CosmosClientBuilder()
            .endpoint(settings.endpoint().toString())
            .contentResponseOnWriteEnabled(false)
            .clientTelemetryConfig(withoutTelemetry());
    settings.key().ifPresentOrElse(builder::key, () -> builder.credential(credential.get()));
    if (settings.gateway()) {
      builder.gatewayMode(
          new GatewayConnectionConfig().setMaxConnectionPoolSize(gatewayConnections));
    } else {
      builder.directMode();
    }
    try {
      return tuning.apply(builder).buildAsyncClient();
    } catch (RuntimeException e) {
      // The client reads the account when it is built: this is where an unreachable endpoint
      // shows. The SDK's own words can mislead (a refused port 1 reads "invalid IPv6 address
      // literal"), so a plain connection attempt says what is wrong when it can.
      String reason =
          Reachability.problem(settings.endpoint())
              .orElseGet(() -> CosmosFailure.of("connecting", e).description());
      throw new StartupFailure(
          "cannot reach Cosmos DB at " + settings.endpoint() + ": " + reason, e);
    }
  }

  /**
   * By default the SDK records client metrics for every operation (into Micrometer's global
   * registry, which nobody reads here) and runs its tracing pipeline; the services' own metrics and
   * logs already time every call.
   */
  private static CosmosClientTelemetryConfig withoutTelemetry() {
    CosmosMicrometerMetricsOptions metrics = new CosmosMicrometerMetricsOptions();
    metrics.setEnabled(false);
    return new CosmosClientTelemetryConfig()
        .metricsOptions(metrics)
        .tracingOptions(new TracingOptions().setEnabled(false));
  }
}
