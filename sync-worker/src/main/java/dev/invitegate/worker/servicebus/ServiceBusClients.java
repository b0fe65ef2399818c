package dev.invitegate.worker.servicebus;

import com.azure.core.credential.TokenCredential;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import dev.invitegate.worker.ServiceBusSettings;
import java.util.function.Supplier;

/** The one way the worker and the operators' commands reach Service Bus. */
public final class ServiceBusClients {

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
