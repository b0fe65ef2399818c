package dev.invitegate.responder.fuzz;

import dev.invitegate.responder.JwksServer;
import dev.invitegate.responder.ResponderSettings;
import dev.invitegate.responder.entra.EntraEventParser;
import dev.invitegate.responder.entra.EntraResponses;
import dev.invitegate.responder.entra.SigningKeys;
import dev.invitegate.responder.entra.TestTokens;
import dev.invitegate.responder.entra.TokenPolicy;
import dev.invitegate.responder.entra.TokenValidator;
import dev.invitegate.responder.http.EntraEventsService;
import dev.invitegate.responder.http.ResponderMetrics;
import dev.invitegate.responder.http.ResponderServer;
import dev.invitegate.responder.signup.InvitationLookup;
import dev.invitegate.responder.signup.InviteCodeAttribute;
import dev.invitegate.responder.signup.Messages;
import dev.invitegate.responder.signup.ReadAdmission;
import dev.invitegate.responder.signup.SignUpGate;
import dev.invitegate.runtime.logging.EmailHasher;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The responder's request path wired as {@code Main} wires it, with the invitations in memory and
 * Entra's signing key served over loopback: real settings, token check, parser, gate, answers,
 * routing and error mapping, on a real server socket.
 *
 * <p>The only place the fuzz tier constructs the responder's main classes; a changed constructor
 * changes this method and nothing else.
 */
final class RequestPath implements AutoCloseable {

  private final JwksServer jwks;
  private final ResponderServer server;
  private final Duration deadline;
  private final String authorization;

  private RequestPath(
      JwksServer jwks, ResponderServer server, Duration deadline, String authorization) {
    this.jwks = jwks;
    this.server = server;
    this.deadline = deadline;
    this.authorization = authorization;
  }

  static RequestPath start(InvitationLookup invitations, Clock clock) {
    TestTokens entra = new TestTokens("fuzz-key");
    JwksServer jwks = new JwksServer(entra.jwks());
    ResponderSettings settings =
        ResponderSettings.from(
            Map.of(
                "INVITEGATE_HTTP_PORT",
                "0",
                "INVITEGATE_ADMIN_PORT",
                "0",
                // Required, never used: the invitations are in memory.
                "INVITEGATE_COSMOS_ENDPOINT",
                "https://localhost:8081/",
                "INVITEGATE_ENTRA_TENANT_ID",
                TestTokens.TENANT,
                "INVITEGATE_ENTRA_CLIENT_ID",
                TestTokens.CLIENT_ID,
                "INVITEGATE_ENTRA_JWKS_URIS",
                jwks.uri().toString()));
    SigningKeys keys =
        SigningKeys.fetchedFrom(
            settings.jwksUris(), settings.deadline().multipliedBy(2).dividedBy(5));
    if (!keys.load()) {
      jwks.close();
      throw new IllegalStateException("the local key set did not load");
    }
    TokenValidator tokens =
        new TokenValidator(
            new TokenPolicy(
                settings.tenantId(),
                settings.clientId(),
                Set.copyOf(settings.issuers()),
                TokenPolicy.DEFAULT_CLOCK_SKEW),
            keys,
            clock,
            1024);
    SignUpGate gate =
        new SignUpGate(
            new ReadAdmission(invitations, settings.maxReadsInFlight()),
            clock,
            Messages.withNotInvited(settings.blockMessage()),
            new InviteCodeAttribute(settings.inviteCodeAttribute()));
    ResponderMetrics metrics = new ResponderMetrics();
    EntraEventsService events =
        new EntraEventsService(
            tokens,
            new EntraEventParser(),
            gate,
            new EntraResponses(),
            settings.deadline(),
            EmailHasher.withRandomKey(),
            metrics);
    ResponderServer server =
        ResponderServer.start(
            settings.httpPort(),
            settings.admin(),
            events,
            metrics,
            Map.of(
                "signingKeys",
                () -> keys.loaded() ? Optional.empty() : Optional.of("no signing key")));
    return new RequestPath(
        jwks, server, settings.deadline(), "Bearer " + entra.mint(clock.instant()));
  }

  int port() {
    return server.port();
  }

  /**
   * Whether a connection to {@code host:port} stays inside this path: the server, or the key set,
   * which a token validator may fetch while it answers a call.
   */
  boolean isOwnEndpoint(String host, int port) {
    if (port != server.port() && port != jwks.uri().getPort()) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  /** Entra's deadline as the responder is configured by default. */
  Duration deadline() {
    return deadline;
  }

  /** A valid bearer token of Entra's authentication events service, as an Authorization value. */
  String authorization() {
    return authorization;
  }

  @Override
  public void close() {
    server.stop();
    jwks.close();
  }
}
