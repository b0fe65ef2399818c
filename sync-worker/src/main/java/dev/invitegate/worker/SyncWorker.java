package dev.invitegate.worker;

import static dev.invitegate.runtime.logging.LogValues.field;

import com.azure.core.credential.TokenCredential;
import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.runtime.Backoff;
import dev.invitegate.runtime.StartupFailure;
import dev.invitegate.runtime.cosmos.CosmosClients;
import dev.invitegate.runtime.cosmos.CosmosContainers;
import dev.invitegate.runtime.cosmos.CosmosFailure;
import dev.invitegate.runtime.logging.EmailHasher;
import dev.invitegate.runtime.observe.AdminEndpoints;
import dev.invitegate.worker.cosmos.CosmosInvitationLedger;
import dev.invitegate.worker.observe.WorkerMeters;
import dev.invitegate.worker.projection.InvitationProjector;
import dev.invitegate.worker.servicebus.ServiceBusClients;
import dev.invitegate.worker.servicebus.ServiceBusEventConsumer;
import dev.invitegate.worker.settlement.MessageHandler;
import dev.invitegate.worker.settlement.OutcomeSummary;
import dev.invitegate.worker.settlement.SettlementPolicy;
import dev.invitegate.worker.settlement.WorkerMetrics;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.webserver.WebServer;
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
 * The wiring and its start-up: one meter registry, one credential, one Cosmos client, one Service
 * Bus client, built from the settings and handed down; then the admin port (live, not ready), the
 * store (opened and warmed up), receiving, ready. {@link Main} runs one; integration tests run it
 * in-process.
 */
public final class SyncWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);

  /** Retry backoff doubles per redelivery up to this ceiling. */
  private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(30);

  /** Bound on each call that opens the store at start-up. */
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(60);

  /** How often the log sums up what happened to events. */
  private static final Duration SUMMARY_PERIOD = Duration.ofSeconds(30);

  private final WorkerSettings settings;
  private final WorkerHealth health = new WorkerHealth();
  private final CountDownLatch fatal = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private WebServer admin;
  private volatile ServiceBusEventConsumer consumer;

  private SyncWorker(WorkerSettings settings) {
    this.settings = settings;
  }

  /**
   * Starts the worker.
   *
   * @throws StartupFailure with an operator-facing message when a fatal condition (missing
   *     container or queue, rejected credentials, a port in use) or an unreachable dependency
   *     prevents start-up
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
    LOG.info("event=starting settings={}", field(settings.toString()));
    MeterRegistry registry = MeterRegistry.create();
    resources.add(registry::close);
    admin = AdminEndpoints.start(settings.admin(), registry, health.checks());
    resources.add(admin::stop);

    Optional<TokenCredential> credential =
        settings.needsAzureIdentity()
            ? Optional.of(new DefaultAzureCredentialBuilder().build())
            : Optional.empty();
    CosmosAsyncClient cosmos =
        CosmosClients.connect(
            settings.cosmos(),
            credential::orElseThrow,
            Math.max(100, settings.concurrency() * 2),
            UnaryOperator.identity());
    resources.add(cosmos);
    CosmosAsyncContainer container = openContainer(cosmos);
    LOG.info("event=connected cosmos={}", field(settings.cosmos().toString()));

    OutcomeSummary summary = OutcomeSummary.start(new WorkerMeters(registry), SUMMARY_PERIOD);
    resources.add(summary);
    MessageHandler handler =
        new MessageHandler(
            new InvitationProjector(
                new CosmosInvitationLedger(container), new InvitationEventParser()),
            new SettlementPolicy(new Backoff(settings.retryBackoff(), maxBackoff())),
            metricsDecorator.apply(summary),
            EmailHasher.forKey(settings.logHashKey()),
            this::onFatal,
            Clock.systemUTC());
    consumer =
        new ServiceBusEventConsumer(
            ServiceBusClients.builder(settings.serviceBus(), credential::orElseThrow),
            settings.serviceBus().queue(),
            settings.concurrency(),
            handler,
            this::onFatal);
    consumer.start();
    health.receiving();
    LOG.info("event=ready admin={}:{}", settings.admin().host(), admin.port());
  }

  /**
   * The invitation container, created first when told to, and warmed up.
   *
   * @throws StartupFailure naming what failed: any failure here stops start-up
   */
  private CosmosAsyncContainer openContainer(CosmosAsyncClient cosmos) {
    if (settings.createIfMissing()) {
      try {
        CosmosContainers.createIfMissing(cosmos, settings.cosmos(), STORE_TIMEOUT);
      } catch (RuntimeException e) {
        throw new StartupFailure(
            CosmosFailure.of("creating the Cosmos DB container", e).description(), e);
      }
    }
    CosmosAsyncContainer container = CosmosContainers.container(cosmos, settings.cosmos());
    Optional<CosmosFailure> failure = CosmosContainers.warmUp(container, STORE_TIMEOUT);
    if (failure.isPresent()) {
      throw new StartupFailure(failure.get().description());
    }
    return container;
  }

  private Duration maxBackoff() {
    Duration base = settings.retryBackoff();
    return base.compareTo(MAX_RETRY_BACKOFF) > 0 ? base : MAX_RETRY_BACKOFF;
  }

  private void onFatal(String reason, Throwable cause) {
    if (health.fatal(reason)) {
      LOG.error("event=fatal reason={}", field(reason), cause);
    }
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

  public boolean ready() {
    return health.ready();
  }

  /** Graceful stop within the configured shutdown timeout; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    health.stopping();
    if (consumer != null) {
      // Leave a little of the budget for closing the clients.
      consumer.stop(settings.shutdownTimeout().multipliedBy(8).dividedBy(10));
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn(
            "event=close_failed resource={} error={}",
            field(resources.get(i).toString()),
            field(e.toString()));
      }
    }
  }
}
