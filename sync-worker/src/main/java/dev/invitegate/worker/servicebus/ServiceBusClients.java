package dev.invitegate.worker.servicebus;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.credential.TokenCredential;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import dev.invitegate.worker.ServiceBusSettings;
import java.time.Duration;
import java.util.function.Supplier;

/** The one way the worker and the operators' commands reach Service Bus. */
public final class ServiceBusClients {

  /**
   * How an operator's command retries: a few seconds, not the SDK's default minute per try and
   * three retries, so that it says within about 30 s that Service Bus does not answer.
   */
  public static AmqpRetryOptions commandRetry() {
    // A new one each time: the options are mutable.
    return new AmqpRetryOptions()
        .setMaxRetries(2)
        .setDelay(Duration.ofMillis(500))
        .setMaxDelay(Duration.ofSeconds(5))
        .setTryTimeout(Duration.ofSeconds(10));
  }

  private ServiceBusClients() {}

  /**
   * A client builder for the namespace: the connection string if one is configured, else {@code
   * credential} (the process's Azure identity).
   */
  public static ServiceBusClientBuilder builder(
      ServiceBusSettings settings, Supplier<TokenCredential> credential) {
    ServiceBusClientBuilder builder = new ServiceBusClientBuilder();
    return switch (settings.access()) {
      case ServiceBusSettings.ServiceBusAccess.ConnectionString connection ->
          builder.connectionString(connection.value());
      case ServiceBusSettings.ServiceBusAccess.Namespace namespace ->
          builder.credential(namespace.fullyQualifiedName(), credential.get());
    };
  }
}
