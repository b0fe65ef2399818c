package dev.invitegate.worker;

import com.azure.core.credential.TokenCredential;
import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.GatewayConnectionConfig;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import dev.invitegate.contracts.EmailHasher;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.worker.admin.AdminServer;
import dev.invitegate.worker.admin.Health;
import dev.invitegate.worker.admin.PrometheusMetrics;
import dev.invitegate.worker.cosmos.CosmosInvitationLedger;
import dev.invitegate.worker.cosmos.CosmosStore;
import dev.invitegate.worker.projection.InvitationProjector;
import dev.invitegate.worker.projection.LedgerFailure;
import dev.invitegate.worker.servicebus.ServiceBusEventConsumer;
import dev.invitegate.worker.settlement.MessageHandler;
import dev.invitegate.worker.settlement.SettlementPolicy;
import dev.invitegate.worker.settlement.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring: one credential, one Cosmos client, one Service Bus client, built from the settings
 * and handed down. {@link Main} runs one; integration tests run it in-process.
 */
public final class SyncWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);

  /** Retry backoff doubles per redelivery up to this ceiling. */
  private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(30);

  private final WorkerSettings settings;
  private final Health health;
  private final PrometheusMetrics metrics;
  private final CountDownLatch fatal = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private AdminServer admin;
  private volatile ServiceBusEventConsumer consumer;

  private SyncWorker(WorkerSettings settings) {
    this.settings = settings;
    this.health = new Health();
    this.metrics = new PrometheusMetrics();
  }

  /**
   * Starts the worker: admin port first (live, not ready), then the store, then receiving.
   *
   * @throws IllegalStateException with an operator-facing message when a fatal condition (missing
   *     container or queue, rejected credentials) or an unreachable dependency prevents start-up
   */
  public static SyncWorker start(WorkerSettings settings) {
    return start(settings, UnaryOperator.identity());
  }

  /** As {@link #start(WorkerSettings)}, with the metrics decorated (benchmarks record raw lags). */
  public static SyncWorker start(
      WorkerSettings settings, UnaryOperator<WorkerMetrics> metricsDecorator) {
    SyncWorker worker = new SyncWorker(settings);
    try {
      worker.startAll(metricsDecorator);
      return worker;
    } catch (RuntimeException e) {
      worker.close();
      throw e;
    }
  }

  private void startAll(UnaryOperator<WorkerMetrics> metricsDecorator) {
    LOG.info("event=starting settings=\"{}\"", settings);
    admin = AdminServer.start(settings.adminHost(), settings.adminPort(), health, metrics);
    resources.add(admin);

    Optional<TokenCredential> credential =
        settings.cosmosKey().isEmpty()
                || settings.serviceBus() instanceof WorkerSettings.ServiceBusAccess.Namespace
            ? Optional.of(new DefaultAzureCredentialBuilder().build())
            : Optional.empty();

    CosmosClient cosmos = cosmosClient(credential);
    resources.add(cosmos);
    CosmosContainer container;
    try {
      container =
          CosmosStore.open(
              cosmos,
              settings.cosmosDatabase(),
              settings.cosmosContainer(),
              settings.createIfMissing());
    } catch (LedgerFailure e) {
      throw new IllegalStateException(e.getMessage(), e);
    }

    ServiceBusClientBuilder serviceBus = serviceBusClients(credential);
    MessageHandler handler =
        new MessageHandler(
            new InvitationProjector(
                new CosmosInvitationLedger(container), new InvitationEventParser()),
            new SettlementPolicy(settings.retryBackoff(), max(settings.retryBackoff())),
            metricsDecorator.apply(metrics),
            settings
                .logHashKey()
                .map(EmailHasher::withSecret)
                .orElseGet(EmailHasher::withRandomKey),
            this::onFatal,
            Clock.systemUTC());
    consumer =
        new ServiceBusEventConsumer(
            serviceBus, settings.queue(), settings.concurrency(), handler, this::onFatal);
    consumer.start();
    health.markReady();
    LOG.info("event=ready adminPort={}", admin.port());
  }

  private CosmosClient cosmosClient(Optional<TokenCredential> credential) {
    CosmosClientBuilder builder =
        new CosmosClientBuilder()
            .endpoint(settings.cosmosEndpoint().toString())
            .contentResponseOnWriteEnabled(false);
    settings
        .cosmosKey()
        .ifPresentOrElse(builder::key, () -> builder.credential(credential.orElseThrow()));
    if (settings.cosmosGatewayMode()) {
      builder.gatewayMode(
          new GatewayConnectionConfig()
              .setMaxConnectionPoolSize(Math.max(100, settings.concurrency() * 2)));
    } else {
      builder.directMode();
    }
    return builder.buildClient();
  }

  private ServiceBusClientBuilder serviceBusClients(Optional<TokenCredential> credential) {
    ServiceBusClientBuilder builder = new ServiceBusClientBuilder();
    return switch (settings.serviceBus()) {
      case WorkerSettings.ServiceBusAccess.ConnectionString connection ->
          builder.connectionString(connection.value());
      case WorkerSettings.ServiceBusAccess.Namespace namespace ->
          builder.credential(namespace.fullyQualifiedName(), credential.orElseThrow());
    };
  }

  private static Duration max(Duration base) {
    return base.compareTo(MAX_RETRY_BACKOFF) > 0 ? base : MAX_RETRY_BACKOFF;
  }

  private void onFatal(String reason, Throwable cause) {
    if (health.live()) {
      LOG.error("event=fatal reason=\"{}\"", reason, cause);
    }
    health.markFatal(reason);
    ServiceBusEventConsumer receiving = consumer;
    if (receiving != null) {
      receiving.beginStop();
    }
    fatal.countDown();
  }

  /** Blocks until a fatal condition stops the worker, and returns its reason. */
  public String awaitFatal() throws InterruptedException {
    fatal.await();
    return health.fatalReason().orElse("unknown");
  }

  /** The fatal condition, if one was met within {@code timeout}. */
  public Optional<String> awaitFatal(Duration timeout) throws InterruptedException {
    return fatal.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
        ? health.fatalReason()
        : Optional.empty();
  }

  public int adminPort() {
    return admin.port();
  }

  public PrometheusMetrics metrics() {
    return metrics;
  }

  public boolean ready() {
    return health.ready();
  }

  /** Graceful stop within the configured shutdown timeout; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    health.markNotReady();
    if (consumer != null) {
      // Leave a little of the budget for closing the clients.
      consumer.stop(settings.shutdownTimeout().multipliedBy(8).dividedBy(10));
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("event=close_failed resource={} error=\"{}\"", resources.get(i), e.toString());
      }
    }
  }
}
