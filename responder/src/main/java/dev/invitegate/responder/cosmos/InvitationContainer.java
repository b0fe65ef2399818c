package dev.invitegate.responder.cosmos;

import com.azure.cosmos.ConsistencyLevel;
import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.ThrottlingRetryOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.runtime.cosmos.CosmosClients;
import dev.invitegate.runtime.cosmos.CosmosContainers;
import dev.invitegate.runtime.cosmos.CosmosFailure;
import dev.invitegate.runtime.settings.CosmosSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The invitations container, read-only, warmed before traffic, watched for going missing. */
public final class InvitationContainer implements AutoCloseable {

  private static final EmailKey WARM_UP_KEY = EmailKey.of("warm-up@invitegate.invalid");

  /** Bound on the read that checks a missing container is back. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /**
   * One point read holds a gateway connection for a few milliseconds, so a few dozen carry
   * thousands of reads per second. The SDK's default (1,000) lets a burst or a slow store open
   * hundreds of TLS connections at once, whose handshakes starve the reads they were meant to
   * serve; above this cap a read waits for a connection within its deadline instead.
   */
  static final int GATEWAY_CONNECTIONS = 64;

  /**
   * Reads through the sign-up path made before the process reports ready, all at once: they open a
   * few gateway connections and load the read path's classes, so the first calls do not pay for
   * that. Few on purpose: being ready soon after start matters more than a fully compiled read
   * path, which the JIT finishes on real traffic.
   */
  static final int WARM_UP_READS = 4;

  private final CosmosAsyncClient client;
  private final CosmosAsyncContainer container;
  private volatile boolean warm;
  private volatile boolean containerMissing;

  private InvitationContainer(CosmosAsyncClient client, CosmosAsyncContainer container) {
    this.client = client;
    this.container = container;
  }

  /**
   * Builds the client, read-only: the account key if one is configured, else the process's Azure
   * identity (managed identity in Azure), which needs a data-plane reader role.
   *
   * @param deadline a throttled read is not retried past it: the call has been answered by then
   */
  public static InvitationContainer connect(CosmosSettings settings, Duration deadline) {
    CosmosAsyncClient client =
        CosmosClients.connect(
            settings,
            () -> new DefaultAzureCredentialBuilder().build(),
            GATEWAY_CONNECTIONS,
            builder ->
                builder
                    .throttlingRetryOptions(
                        new ThrottlingRetryOptions().setMaxRetryWaitTime(deadline))
                    // The responder only reads, so a session token would only order its own reads,
                    // and resolving one costs the SDK a partition lookup per read. Reads take what
                    // a replica has; the worker's writes reach it within milliseconds.
                    .consistencyLevel(ConsistencyLevel.EVENTUAL));
    return new InvitationContainer(client, CosmosContainers.container(client, settings));
  }

  public CosmosInvitationLookup lookup() {
    return new CosmosInvitationLookup(container, () -> containerMissing = true);
  }

  /**
   * The shared warm-up (container metadata, one probe read that must answer 404), and at once a few
   * reads through the sign-up path and one that times out (its path loads classes of its own), so
   * the first sign-ups pay none of that.
   *
   * @return empty when the store answered; else why not
   */
  public Optional<CosmosFailure> warmUp(Duration timeout) {
    CosmosInvitationLookup lookup = lookup();
    Optional<CosmosFailure> failure;
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      // Each read is bounded by its budget, so closing the executor waits a bounded time.
      readers.execute(() -> lookup.find(WARM_UP_KEY, Duration.ofMillis(1)));
      for (int i = 0; i < WARM_UP_READS; i++) {
        readers.execute(() -> lookup.find(WARM_UP_KEY, timeout));
      }
      failure = CosmosContainers.warmUp(container, timeout);
    }
    if (failure.isEmpty()) {
      containerMissing = false;
      warm = true;
    }
    return failure;
  }

  /**
   * Why the store cannot answer now, if it cannot: not warmed up yet, or a read found the container
   * missing. Then each call checks again with one probe read, so readiness comes back by itself
   * once the container exists again.
   */
  public Optional<String> problem() {
    if (!warm) {
      return Optional.of("not warmed up yet");
    }
    if (containerMissing) {
      Optional<CosmosFailure> probe = CosmosContainers.probe(container, PROBE_TIMEOUT);
      containerMissing = probe.isPresent();
      return probe.map(CosmosFailure::description);
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    client.close();
  }
}
