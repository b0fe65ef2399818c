package dev.invitegate.responder;

import dev.invitegate.contracts.EmailHasher;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.responder.cosmos.CosmosStore;
import dev.invitegate.responder.entra.EntraEventParser;
import dev.invitegate.responder.entra.EntraResponses;
import dev.invitegate.responder.entra.SigningKeys;
import dev.invitegate.responder.entra.TokenPolicy;
import dev.invitegate.responder.entra.TokenValidator;
import dev.invitegate.responder.http.EntraEventsHandler;
import dev.invitegate.responder.http.Readiness;
import dev.invitegate.responder.http.ResponderMetrics;
import dev.invitegate.responder.http.ResponderServer;
import dev.invitegate.responder.signup.InvitationLookup;
import dev.invitegate.responder.signup.InviteCodeAttribute;
import dev.invitegate.responder.signup.LookupResult;
import dev.invitegate.responder.signup.Messages;
import dev.invitegate.responder.signup.ReadAdmission;
import dev.invitegate.responder.signup.SignUpGate;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.logging.LogManager;

/** Reads the settings, wires the responder, starts it. The only place things are wired. */
public final class Main {

  private static final System.Logger LOG = System.getLogger(Main.class.getName());

  private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration KEY_RETRY_INTERVAL = Duration.ofMillis(250);
  private static final Duration KEY_RETRY_MAX_INTERVAL = Duration.ofSeconds(10);
  private static final int VALIDATED_TOKENS = 1024;

  private Main() {}

  public static void main(String[] args) {
    configureLogging();
    ResponderSettings settings;
    try {
      settings = ResponderSettings.from(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Running running = start(settings, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "responder-shutdown"));
  }

  /** A started responder; tests start one in-process the same way {@link #main} does. */
  public record Running(
      ResponderServer server,
      CosmosStore store,
      SigningKeys keys,
      Readiness readiness,
      ScheduledExecutorService background) {

    public int port() {
      return server.port();
    }

    public int adminPort() {
      return server.adminPort();
    }

    public void stop() {
      background.shutdownNow();
      server.stop();
      store.close();
      keys.close();
    }
  }

  public static Running start(ResponderSettings settings, Clock clock) {
    LOG.log(Level.INFO, "Starting with {0}", settings);
    // A call that meets a key refresh (an unknown key ID) waits for it, or runs it, for at most
    // this long, and is still answered within its deadline.
    SigningKeys keys =
        SigningKeys.fetchedFrom(
            settings.jwksUris(), settings.deadline().multipliedBy(2).dividedBy(5));
    // Neither the keys nor the web server depend on Cosmos: fetching the keys and starting the
    // server while the Cosmos client starts (about a second, mostly class loading) takes them off
    // the path to ready. Until the client exists, reads fail closed.
    Thread keyLoader = Thread.ofVirtual().name("signing-keys").start(() -> loadKeys(keys));
    CompletableFuture<CosmosStore> connecting = new CompletableFuture<>();
    ScheduledExecutorService background =
        Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    Thread.ofPlatform()
        .name("cosmos-connect")
        .daemon()
        .start(
            () -> {
              CosmosStore connected;
              try {
                connected =
                    CosmosStore.connect(
                        settings.cosmos().endpoint(),
                        settings.cosmos().key(),
                        settings.cosmos().database(),
                        settings.cosmos().container(),
                        settings.cosmos().gateway(),
                        settings.deadline());
              } catch (RuntimeException | Error e) {
                connecting.completeExceptionally(e);
                return;
              }
              connecting.complete(connected);
              // Warming from here, not after the web server has started, keeps the slower of the
              // two off the path to ready.
              background.execute(() -> warmUp(keys, keyLoader, connected));
            });
    StartingLookup lookup = new StartingLookup();
    TokenValidator tokens =
        new TokenValidator(
            new TokenPolicy(
                settings.tenantId(),
                settings.clientId(),
                java.util.Set.copyOf(settings.issuers()),
                TokenPolicy.DEFAULT_CLOCK_SKEW),
            keys,
            clock,
            VALIDATED_TOKENS);
    SignUpGate gate =
        new SignUpGate(
            new ReadAdmission(lookup, settings.maxReadsInFlight()),
            clock,
            Messages.withNotInvited(settings.blockMessage()),
            new InviteCodeAttribute(settings.inviteCodeAttribute()));
    EmailHasher hasher =
        settings.logHashKey().map(EmailHasher::withSecret).orElseGet(EmailHasher::withRandomKey);
    ResponderMetrics metrics = new ResponderMetrics();
    EntraEventsHandler handler =
        new EntraEventsHandler(
            tokens,
            new EntraEventParser(),
            gate,
            new EntraResponses(),
            settings.deadline(),
            hasher,
            metrics);
    Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    checks.put("signingKeys", keys::loaded);
    checks.put("cosmos", lookup::warm);
    Readiness readiness = new Readiness(checks);
    ResponderServer server =
        ResponderServer.start(
            settings.httpPort(),
            settings.adminHost(),
            settings.adminPort(),
            handler,
            readiness,
            metrics);
    CosmosStore store;
    try {
      store = connecting.join();
    } catch (CompletionException e) {
      background.shutdownNow();
      server.stop();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    lookup.connected(store);
    LOG.log(
        Level.INFO,
        "Listening on port {0,number,#} (Entra) and {1,number,#} (admin)",
        server.port(),
        server.adminPort());
    return new Running(server, store, keys, readiness, background);
  }

  /** Reads through the store once it is connected; fails closed before that. */
  private static final class StartingLookup implements InvitationLookup {
    private volatile CosmosStore store;
    private volatile InvitationLookup target;

    void connected(CosmosStore connected) {
      target = connected.lookup();
      store = connected;
    }

    boolean warm() {
      CosmosStore current = store;
      return current != null && current.warm();
    }

    @Override
    public LookupResult find(EmailKey email, Duration budget) {
      InvitationLookup current = target;
      return current != null
          ? current.find(email, budget)
          : new LookupResult.Failed(
              LookupResult.Failure.UNAVAILABLE, "the Cosmos client is starting", Duration.ZERO);
    }
  }

  /** Retries until the signing keys are loaded, quickly at first, then at most every 10 s. */
  private static void loadKeys(SigningKeys keys) {
    try {
      Duration wait = KEY_RETRY_INTERVAL;
      while (!keys.load()) {
        LOG.log(Level.WARNING, "No signing keys yet; retrying in {0} ms", wait.toMillis());
        Thread.sleep(wait);
        wait =
            wait.multipliedBy(2).compareTo(KEY_RETRY_MAX_INTERVAL) > 0
                ? KEY_RETRY_MAX_INTERVAL
                : wait.multipliedBy(2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Warms Cosmos, retrying until it works, and waits for the keys; only then is the process ready.
   */
  private static void warmUp(SigningKeys keys, Thread keyLoader, CosmosStore store) {
    try {
      while (!store.warmUp(WARM_UP_TIMEOUT)) {
        LOG.log(Level.WARNING, "Cosmos not reachable yet; retrying in 1 s");
        Thread.sleep(1000);
      }
      keyLoader.join();
      long sinceStart =
          ProcessHandle.current()
              .info()
              .startInstant()
              .map(started -> Duration.between(started, Instant.now()).toMillis())
              .orElse(-1L);
      LOG.log(
          Level.INFO,
          "Ready: {0,number,#} signing keys, Cosmos warm; {1,number,#} ms after process start",
          keys.size(),
          sinceStart);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream config = Main.class.getResourceAsStream("/logging.properties")) {
      if (config != null) {
        LogManager.getLogManager().readConfiguration(config);
      }
    } catch (IOException e) {
      System.err.println("Could not read logging.properties: " + e);
    }
  }
}
