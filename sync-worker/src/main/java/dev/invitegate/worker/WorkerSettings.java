package dev.invitegate.worker;

import dev.invitegate.runtime.settings.AdminSettings;
import dev.invitegate.runtime.settings.CosmosSettings;
import dev.invitegate.runtime.settings.SettingsReader;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the worker reads from its environment, parsed and checked once at start-up: the shared
 * Cosmos DB and admin settings, and the worker's own variables.
 *
 * @param serviceBus the namespace and the queue to consume
 * @param cosmos where the invitation store is and how to reach it
 * @param createIfMissing create database and container at start-up (local development only)
 * @param concurrency messages in flight at most
 * @param admin where health and metrics are served
 * @param retryBackoff wait before giving back a message that failed transiently the first time
 * @param shutdownTimeout bound on a graceful stop
 * @param logHashKey key of the email hash in logs; empty means a random key per process
 */
public record WorkerSettings(
    ServiceBusSettings serviceBus,
    CosmosSettings cosmos,
    boolean createIfMissing,
    int concurrency,
    AdminSettings admin,
    Duration retryBackoff,
    Duration shutdownTimeout,
    Optional<String> logHashKey) {

  static final String COSMOS_CREATE_IF_MISSING = "INVITEGATE_COSMOS_CREATE_IF_MISSING";
  static final String WORKER_CONCURRENCY = "INVITEGATE_WORKER_CONCURRENCY";
  static final String WORKER_RETRY_BACKOFF_MS = "INVITEGATE_WORKER_RETRY_BACKOFF_MS";
  static final String WORKER_SHUTDOWN_TIMEOUT_SECONDS =
      "INVITEGATE_WORKER_SHUTDOWN_TIMEOUT_SECONDS";

  /** The worker's admin port unless {@link AdminSettings#PORT} says otherwise. */
  static final int DEFAULT_ADMIN_PORT = 8081;

  public WorkerSettings {
    Objects.requireNonNull(serviceBus, "serviceBus");
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
    ServiceBusSettings serviceBus = ServiceBusSettings.read(reader);
    CosmosSettings cosmos = CosmosSettings.read(reader);
    boolean create = reader.bool(COSMOS_CREATE_IF_MISSING, false);
    int concurrency = reader.integer(WORKER_CONCURRENCY, 16, 1, 1_000);
    AdminSettings admin = AdminSettings.read(reader, DEFAULT_ADMIN_PORT);
    int backoffMillis = reader.integer(WORKER_RETRY_BACKOFF_MS, 1_000, 0, 60_000);
    int shutdownSeconds = reader.integer(WORKER_SHUTDOWN_TIMEOUT_SECONDS, 30, 1, 600);
    Optional<String> hashKey = reader.logHashKey();
    return new WorkerSettings(
        serviceBus,
        cosmos,
        create,
        concurrency,
        admin,
        Duration.ofMillis(backoffMillis),
        Duration.ofSeconds(shutdownSeconds),
        hashKey);
  }

  /** Whether anything is reached with the process's Azure identity rather than a key. */
  boolean needsAzureIdentity() {
    return cosmos.key().isEmpty() || serviceBus.needsAzureIdentity();
  }

  @Override
  public String toString() {
    // Secrets stay out of logs: the records of the connection string and the Cosmos key hide them.
    return "WorkerSettings[serviceBus="
        + serviceBus
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
