package dev.invitegate.worker;

import dev.invitegate.runtime.settings.SettingsReader;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the invitation events are: the Service Bus variables the worker and the operators' commands
 * read, with one set of rules.
 *
 * @param access how to reach the namespace
 * @param queue the queue of invitation events; its dead-letter queue is {@code
 *     <queue>/$deadletterqueue}
 */
public record ServiceBusSettings(ServiceBusSettings.ServiceBusAccess access, String queue) {

  static final String SERVICEBUS_CONNECTION_STRING = "INVITEGATE_SERVICEBUS_CONNECTION_STRING";
  static final String SERVICEBUS_NAMESPACE = "INVITEGATE_SERVICEBUS_NAMESPACE";
  static final String SERVICEBUS_QUEUE = "INVITEGATE_SERVICEBUS_QUEUE";

  public static final String DEFAULT_QUEUE = "invitation-events";

  private static final Pattern NAMESPACE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*(\\.[A-Za-z0-9-]+)+");
  private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,259}");

  /** How to reach Service Bus: a connection string (SAS) or a namespace with Entra ID. */
  public sealed interface ServiceBusAccess {

    /** Shared access signature; {@code UseDevelopmentEmulator=true} for the local stand-in. */
    record ConnectionString(String value) implements ServiceBusAccess {
      public ConnectionString {
        Objects.requireNonNull(value, "value");
      }

      @Override
      public String toString() {
        return "ConnectionString[***]";
      }
    }

    /** Fully qualified namespace, authenticated with {@code DefaultAzureCredential}. */
    record Namespace(String fullyQualifiedName) implements ServiceBusAccess {
      public Namespace {
        Objects.requireNonNull(fullyQualifiedName, "fullyQualifiedName");
      }
    }
  }

  public ServiceBusSettings {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(queue, "queue");
  }

  /** Reads the Service Bus variables; problems are recorded in {@code reader}. */
  public static ServiceBusSettings read(SettingsReader reader) {
    ServiceBusAccess access = access(reader);
    String queue = reader.name(SERVICEBUS_QUEUE, DEFAULT_QUEUE, ENTITY_NAME);
    return new ServiceBusSettings(access, queue);
  }

  /** Whether the namespace is reached with the process's Azure identity. */
  public boolean needsAzureIdentity() {
    return access instanceof ServiceBusAccess.Namespace;
  }

  private static ServiceBusAccess access(SettingsReader reader) {
    Optional<String> connectionString = reader.optional(SERVICEBUS_CONNECTION_STRING);
    Optional<String> namespace = reader.optional(SERVICEBUS_NAMESPACE);
    if (connectionString.isPresent() && namespace.isPresent()) {
      reader.problem(
          SERVICEBUS_CONNECTION_STRING, "set either it or " + SERVICEBUS_NAMESPACE + ", not both");
      return new ServiceBusAccess.Namespace("invalid");
    }
    if (connectionString.isPresent()) {
      String value = connectionString.get();
      if (!value.contains("Endpoint=sb://")) {
        reader.problem(
            SERVICEBUS_CONNECTION_STRING,
            "must be a Service Bus connection string (Endpoint=sb://...;SharedAccessKeyName=...;"
                + "SharedAccessKey=...)");
      }
      return new ServiceBusAccess.ConnectionString(value);
    }
    if (namespace.isPresent()) {
      String value = namespace.get();
      if (!NAMESPACE.matcher(value).matches()) {
        reader.problem(
            SERVICEBUS_NAMESPACE,
            "must be a fully qualified namespace such as example.servicebus.windows.net");
      }
      return new ServiceBusAccess.Namespace(value);
    }
    reader.problem(
        SERVICEBUS_CONNECTION_STRING,
        "required (or set " + SERVICEBUS_NAMESPACE + " to use DefaultAzureCredential)");
    return new ServiceBusAccess.Namespace("missing");
  }

  @Override
  public String toString() {
    // The connection string's record hides its secret.
    return access + " queue=" + queue;
  }
}
