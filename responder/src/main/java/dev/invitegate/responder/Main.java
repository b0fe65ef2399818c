package dev.invitegate.responder;

import dev.invitegate.responder.cosmos.InvitationContainer;
import dev.invitegate.responder.entra.EntraEventParser;
import dev.invitegate.responder.entra.EntraResponses;
import dev.invitegate.responder.entra.SigningKeys;
import dev.invitegate.responder.entra.TokenPolicy;
import dev.invitegate.responder.entra.TokenValidator;
import dev.invitegate.responder.http.EntraEventsService;
import dev.invitegate.responder.http.ResponderMetrics;
import dev.invitegate.responder.http.ResponderServer;
import dev.invitegate.responder.signup.InviteCodeAttribute;
import dev.invitegate.responder.signup.Messages;
import dev.invitegate.responder.signup.ReadAdmission;
import dev.invitegate.responder.signup.SignUpGate;
import dev.invitegate.runtime.ServiceMain;
import dev.invitegate.runtime.StartupFailure;
import dev.invitegate.runtime.logging.EmailHasher;
import dev.invitegate.runtime.logging.Logging;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the settings, wires the responder, starts it. The only place things are wired. */
public final class Main {

  static {
    // Before any logger exists: the log manager is chosen when logging is first touched.
    Logging.configure();
  }

  private static final System.Logger LOG = System.getLogger(Main.class.getName());

  private static final int VALIDATED_TOKENS = 1024;

  private Main() {}

  public static void main(String[] args) {
    ServiceMain main = new ServiceMain("responder");
    ResponderSettings settings = main.settings(() -> ResponderSettings.from(System.getenv()));
    Running running = main.start(() -> start(settings, Clock.systemUTC()));
    main.stopOnSigterm(running::stop);
  }

  /** A started responder; tests start one in-process the same way {@link #main} does. */
  public record Running(
      ResponderServer server,
      InvitationContainer container,
      SigningKeys keys,
      ResponderMetrics metrics,
      Startup startup) {

    public int port() {
      return server.port();
    }

    public int adminPort() {
      return server.adminPort();
    }

    public void stop() {
      startup.stop();
      server.stop();
      container.close();
      keys.close();
      metrics.close();
    }
  }

  /**
   * Starts the responder: keys, Cosmos client and web server at once, then the warm-up and the
   * rehearsal of the request path.
   *
   * @throws StartupFailure when a port cannot be listened on or Cosmos DB cannot be reached
   */
  public static Running start(ResponderSettings settings, Clock clock) {
    LOG.log(Level.INFO, "Starting with {0}", settings);
    // A call that meets a key refresh (an unknown key ID) waits for it, or runs it, for at most
    // this long, and is still answered within its deadline.
    SigningKeys keys =
        SigningKeys.fetchedFrom(
            settings.jwksUris(), settings.deadline().multipliedBy(2).dividedBy(5));
    StartingLookup lookup = new StartingLookup();
    ResponderMetrics metrics = new ResponderMetrics();
    EntraEventsService events =
        new EntraEventsService(
            new TokenValidator(
                new TokenPolicy(
                    settings.tenantId(),
                    settings.clientId(),
                    Set.copyOf(settings.issuers()),
                    TokenPolicy.DEFAULT_CLOCK_SKEW),
                keys,
                clock,
                VALIDATED_TOKENS),
            new EntraEventParser(),
            new SignUpGate(
                new ReadAdmission(lookup, settings.maxReadsInFlight()),
                clock,
                Messages.withNotInvited(settings.blockMessage()),
                new InviteCodeAttribute(settings.inviteCodeAttribute())),
            new EntraResponses(),
            settings.deadline(),
            EmailHasher.forKey(settings.logHashKey()),
            metrics);
    Rehearsal rehearsal = Rehearsal.ofCarriedCalls();
    Startup startup = new Startup();
    startup.begin(keys, settings.cosmos(), settings.deadline(), lookup, rehearsal, events);
    StoreReadiness store = new StoreReadiness();
    ResponderServer server;
    try {
      server =
          ResponderServer.start(
              settings.httpPort(),
              settings.admin(),
              events,
              metrics,
              Map.of(
                  "signingKeys",
                  () -> keys.loaded() ? Optional.empty() : Optional.of("no signing key loaded yet"),
                  "cosmos",
                  store::problem,
                  "rehearsal",
                  rehearsal::problem));
    } catch (RuntimeException e) {
      startup.stop();
      keys.close();
      metrics.close();
      throw e;
    }
    InvitationContainer container;
    try {
      container = startup.connected();
    } catch (RuntimeException e) {
      startup.stop();
      server.stop();
      keys.close();
      metrics.close();
      throw e;
    }
    store.connected(container);
    LOG.log(
        Level.INFO,
        "Listening on port {0,number,#} (Entra) and {1,number,#} (admin)",
        server.port(),
        server.adminPort());
    return new Running(server, container, keys, metrics, startup);
  }

  /** The store's readiness: not before the client exists, then what the container says. */
  private static final class StoreReadiness {
    private volatile InvitationContainer container;

    void connected(InvitationContainer connected) {
      container = connected;
    }

    Optional<String> problem() {
      InvitationContainer current = container;
      return current == null ? Optional.of("the Cosmos client is starting") : current.problem();
    }
  }
}
