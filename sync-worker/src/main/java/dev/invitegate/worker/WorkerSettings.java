package dev.invitegate.worker;

import dev.invitegate.contracts.SettingsReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the worker reads from its environment, parsed and checked once at start-up.
 *
 * @param serviceBus how to reach the namespace
 * @param queue queue to consume
 * @param cosmosEndpoint account endpoint
 * @param cosmosKey account key; empty means {@code DefaultAzureCredential}
 * @param cosmosDatabase database name
 * @param cosmosContainer container name (partition key path {@code /id})
 * @param createIfMissing create database and container at start-up (local development only)
 * @param cosmosGatewayMode HTTPS gateway instead of direct TCP (default for loopback endpoints,
 *     which local emulators use)
 * @param concurrency messages in flight at most
 * @param adminHost address the admin port binds to
 * @param adminPort port of health and metrics; 0 picks a free one
 * @param retryBackoff wait before giving back a message that failed transiently the first time
 * @param shutdownTimeout bound on a graceful stop
 * @param logHashKey key of the email hash in logs; empty means a random key per process
 */
public record WorkerSettings(
    ServiceBusAccess serviceBus,
    String queue,
    URI cosmosEndpoint,
    Optional<String> cosmosKey,
    String cosmosDatabase,
    String cosmosContainer,
    boolean createIfMissing,
    boolean cosmosGatewayMode,
    int concurrency,
    String adminHost,
    int adminPort,
    Duration retryBackoff,
    Duration shutdownTimeout,
    Optional<String> logHashKey) {

  static final String SERVICEBUS_CONNECTION_STRING = "INVITEGATE_SERVICEBUS_CONNECTION_STRING";
  static final String SERVICEBUS_NAMESPACE = "INVITEGATE_SERVICEBUS_NAMESPACE";
  static final String SERVICEBUS_QUEUE = "INVITEGATE_SERVICEBUS_QUEUE";
  static final String COSMOS_ENDPOINT = "INVITEGATE_COSMOS_ENDPOINT";
  static final String COSMOS_KEY = "INVITEGATE_COSMOS_KEY";
  static final String COSMOS_DATABASE = "INVITEGATE_COSMOS_DATABASE";
  static final String COSMOS_CONTAINER = "INVITEGATE_COSMOS_CONTAINER";
  static final String COSMOS_CREATE_IF_MISSING = "INVITEGATE_COSMOS_CREATE_IF_MISSING";
  static final String COSMOS_CONNECTION_MODE = "INVITEGATE_COSMOS_CONNECTION_MODE";
  static final String WORKER_CONCURRENCY = "INVITEGATE_WORKER_CONCURRENCY";
  static final String ADMIN_PORT = "INVITEGATE_ADMIN_PORT";
  static final String ADMIN_HOST = "INVITEGATE_ADMIN_HOST";
  static final String WORKER_RETRY_BACKOFF_MS = "INVITEGATE_WORKER_RETRY_BACKOFF_MS";
  static final String WORKER_SHUTDOWN_TIMEOUT_SECONDS =
      "INVITEGATE_WORKER_SHUTDOWN_TIMEOUT_SECONDS";
  static final String LOG_HASH_KEY = "INVITEGATE_LOG_HASH_KEY";

  private static final Pattern NAMESPACE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*(\\.[A-Za-z0-9-]+)+");
  private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,259}");
  private static final Pattern COSMOS_NAME = Pattern.compile("[^/\\\\#?\\s]{1,255}");

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

  public WorkerSettings {
    Objects.requireNonNull(serviceBus, "serviceBus");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(cosmosEndpoint, "cosmosEndpoint");
    Objects.requireNonNull(cosmosKey, "cosmosKey");
    Objects.requireNonNull(cosmosDatabase, "cosmosDatabase");
    Objects.requireNonNull(cosmosContainer, "cosmosContainer");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(logHashKey, "logHashKey");
    Objects.requireNonNull(adminHost, "adminHost");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    if (adminPort < 0 || adminPort > 65_535) {
      throw new IllegalArgumentException("adminPort must be 0..65535");
    }
  }

  /**
   * Parses the environment; fails with every missing or malformed variable named in one message.
   *
   * @throws IllegalArgumentException listing each problem as {@code NAME: problem}
   */
  public static WorkerSettings from(Map<String, String> env) {
    Reader reader = new Reader(env);
    ServiceBusAccess serviceBus = reader.serviceBus();
    String queue = reader.name(SERVICEBUS_QUEUE, "invitation-events", ENTITY_NAME);
    URI endpoint = reader.endpoint(COSMOS_ENDPOINT);
    Optional<String> key = reader.optional(COSMOS_KEY);
    String database = reader.name(COSMOS_DATABASE, "invitegate", COSMOS_NAME);
    String container = reader.name(COSMOS_CONTAINER, "invitations", COSMOS_NAME);
    boolean create = reader.bool(COSMOS_CREATE_IF_MISSING, false);
    boolean gateway = reader.cosmosGatewayMode(COSMOS_CONNECTION_MODE, endpoint.getHost());
    int concurrency = reader.integer(WORKER_CONCURRENCY, 16, 1, 1_000);
    String adminHost = reader.bindAddress(ADMIN_HOST, SettingsReader.ALL_INTERFACES);
    int adminPort = reader.integer(ADMIN_PORT, 8081, 0, 65_535);
    int backoffMillis = reader.integer(WORKER_RETRY_BACKOFF_MS, 1_000, 0, 60_000);
    int shutdownSeconds = reader.integer(WORKER_SHUTDOWN_TIMEOUT_SECONDS, 30, 1, 600);
    Optional<String> hashKey = reader.logHashKey(LOG_HASH_KEY);
    reader.failIfProblems();
    return new WorkerSettings(
        serviceBus,
        queue,
        endpoint,
        key,
        database,
        container,
        create,
        gateway,
        concurrency,
        adminHost,
        adminPort,
        Duration.ofMillis(backoffMillis),
        Duration.ofSeconds(shutdownSeconds),
        hashKey);
  }

  @Override
  public String toString() {
    return "WorkerSettings[serviceBus="
        + serviceBus
        + ", queue="
        + queue
        + ", cosmosEndpoint="
        + cosmosEndpoint
        + ", cosmosKey="
        + (cosmosKey.isPresent() ? "***" : "(DefaultAzureCredential)")
        + ", cosmosDatabase="
        + cosmosDatabase
        + ", cosmosContainer="
        + cosmosContainer
        + ", createIfMissing="
        + createIfMissing
        + ", cosmosGatewayMode="
        + cosmosGatewayMode
        + ", concurrency="
        + concurrency
        + ", admin="
        + adminHost
        + ":"
        + adminPort
        + ", retryBackoff="
        + retryBackoff
        + ", shutdownTimeout="
        + shutdownTimeout
        + ", logHashKey="
        + (logHashKey.isPresent() ? "***" : "(random per process)")
        + "]";
  }

  /** The shared reader plus the worker's own variables. */
  private static final class Reader extends SettingsReader {

    Reader(Map<String, String> env) {
      super(env);
    }

    ServiceBusAccess serviceBus() {
      Optional<String> connectionString = optional(SERVICEBUS_CONNECTION_STRING);
      Optional<String> namespace = optional(SERVICEBUS_NAMESPACE);
      if (connectionString.isPresent() && namespace.isPresent()) {
        problem(
            SERVICEBUS_CONNECTION_STRING,
            "set either it or " + SERVICEBUS_NAMESPACE + ", not both");
        return new ServiceBusAccess.Namespace("invalid");
      }
      if (connectionString.isPresent()) {
        String value = connectionString.get();
        if (!value.contains("Endpoint=sb://")) {
          problem(
              SERVICEBUS_CONNECTION_STRING,
              "must be a Service Bus connection string (Endpoint=sb://...;SharedAccessKeyName=...;"
                  + "SharedAccessKey=...)");
        }
        return new ServiceBusAccess.ConnectionString(value);
      }
      if (namespace.isPresent()) {
        String value = namespace.get();
        if (!NAMESPACE.matcher(value).matches()) {
          problem(
              SERVICEBUS_NAMESPACE,
              "must be a fully qualified namespace such as example.servicebus.windows.net");
        }
        return new ServiceBusAccess.Namespace(value);
      }
      problem(
          SERVICEBUS_CONNECTION_STRING,
          "required (or set " + SERVICEBUS_NAMESPACE + " to use DefaultAzureCredential)");
      return new ServiceBusAccess.Namespace("missing");
    }

    String name(String name, String fallback, Pattern allowed) {
      String value = optional(name).orElse(fallback);
      if (!allowed.matcher(value).matches()) {
        problem(name, "'" + value + "' is not a valid name");
      }
      return value;
    }

    URI endpoint(String name) {
      Optional<String> value = optional(name);
      if (value.isEmpty()) {
        problem(name, "required (e.g. https://ACCOUNT.documents.azure.com:443/)");
        return URI.create("https://missing");
      }
      try {
        URI uri = new URI(value.get());
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
          problem(name, "must be an https:// URL with a host");
        }
        return uri;
      } catch (URISyntaxException e) {
        problem(name, "not a URL: " + e.getReason());
        return URI.create("https://invalid");
      }
    }
  }
}
