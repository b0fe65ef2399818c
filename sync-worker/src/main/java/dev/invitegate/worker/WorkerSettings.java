package dev.invitegate.worker;

import dev.invitegate.runtime.settings.AdminSettings;
import dev.invitegate.runtime.settings.CosmosSettings;
import dev.invitegate.runtime.settings.SettingsReader;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the worker reads from its environment, parsed and checked once at start-up: the shared
 * Cosmos DB and admin settings, and the worker's own variables.
 *
 * @param serviceBus how to reach the namespace
 * @param queue queue to consume
 * @param cosmos where the invitation store is and how to reach it
 * @param createIfMissing create database and container at start-up (local development only)
 * @param concurrency messages in flight at most
 * @param admin where health and metrics are served
 * @param retryBackoff wait before giving back a message that failed transiently the first time
 * @param shutdownTimeout bound on a graceful stop
 * @param logHashKey key of the email hash in logs; empty means a random key per process
 */
public record WorkerSettings(
    ServiceBusAccess serviceBus,
    String queue,
    CosmosSettings cosmos,
    boolean createIfMissing,
    int concurrency,
    AdminSettings admin,
    Duration retryBackoff,
    Duration shutdownTimeout,
    Optional<String> logHashKey) {

  static final String SERVICEBUS_CONNECTION_STRING = "INVITEGATE_SERVICEBUS_CONNECTION_STRING";
  static final String SERVICEBUS_NAMESPACE = "INVITEGATE_SERVICEBUS_NAMESPACE";
  static final String SERVICEBUS_QUEUE = "INVITEGATE_SERVICEBUS_QUEUE";
  static final String COSMOS_CREATE_IF_MISSING = "INVITEGATE_COSMOS_CREATE_IF_MISSING";
  static final String WORKER_CONCURRENCY = "INVITEGATE_WORKER_CONCURRENCY";
  static final String WORKER_RETRY_BACKOFF_MS = "INVITEGATE_WORKER_RETRY_BACKOFF_MS";
  static final String WORKER_SHUTDOWN_TIMEOUT_SECONDS =
      "INVITEGATE_WORKER_SHUTDOWN_TIMEOUT_SECONDS";

  /** The worker's admin port unless {@link AdminSettings#PORT} says otherwise. */
  static final int DEFAULT_ADMIN_PORT = 8081;

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

  public WorkerSettings {
    Objects.requireNonNull(serviceBus, "serviceBus");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(cosmos, "cosmos");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(logHashKey, "logHashKey");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
  }

  /**
   * Parses the environment; fails with every missing or malformed variable named in one message.
   *
   * @throws IllegalArgumentException listing each problem as {@code NAME: problem}
   */
  public static WorkerSettings from(Map<String, String> env) {
    SettingsReader reader = new SettingsReader(env);
    WorkerSettings settings = read(reader);
    reader.failIfProblems();
    return settings;
  }

  /**
   * Reads every variable the worker uses; problems are recorded in {@code reader}, which then knows
   * every variable the worker reads ({@link SettingsReader#variablesRead()}).
   */
  public static WorkerSettings read(SettingsReader reader) {
    ServiceBusAccess serviceBus = serviceBus(reader);
    String queue = reader.name(SERVICEBUS_QUEUE, "invitation-events", ENTITY_NAME);
    CosmosSettings cosmos = CosmosSettings.read(reader);
    boolean create = reader.bool(COSMOS_CREATE_IF_MISSING, false);
    int concurrency = reader.integer(WORKER_CONCURRENCY, 16, 1, 1_000);
    AdminSettings admin = AdminSettings.read(reader, DEFAULT_ADMIN_PORT);
    int backoffMillis = reader.integer(WORKER_RETRY_BACKOFF_MS, 1_000, 0, 60_000);
    int shutdownSeconds = reader.integer(WORKER_SHUTDOWN_TIMEOUT_SECONDS, 30, 1, 600);
    Optional<String> hashKey = reader.logHashKey();
    return new WorkerSettings(
        serviceBus,
        queue,
        cosmos,
        create,
        concurrency,
        admin,
        Duration.ofMillis(backoffMillis),
        Duration.ofSeconds(shutdownSeconds),
        hashKey);
  }

  private static ServiceBusAccess serviceBus(SettingsReader reader) {
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

  /** Whether anything is reached with the process's Azure identity rather than a key. */
  boolean needsAzureIdentity() {
    return cosmos.key().isEmpty() || serviceBus instanceof ServiceBusAccess.Namespace;
  }

  @Override
  public String toString() {
    // Secrets stay out of logs: the records of the connection string and the Cosmos key hide them.
    return "WorkerSettings[serviceBus="
        + serviceBus
        + ", queue="
        + queue
        + ", cosmos="
        + cosmos
        + ", createIfMissing="
        + createIfMissing
        + ", concurrency="
        + concurrency
        + ", admin="
        + admin
        + ", retryBackoff="
        + retryBackoff
        + ", shutdownTimeout="
        + shutdownTimeout
        + ", logHashKey="
        + (logHashKey.isPresent() ? "***" : "(random per process)")
        + "]";
  }
}
