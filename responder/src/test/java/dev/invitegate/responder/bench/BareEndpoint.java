package dev.invitegate.responder.bench;

import dev.invitegate.responder.entra.SigningKeys;
import dev.invitegate.responder.entra.TestTokens;
import dev.invitegate.responder.entra.TokenCheck;
import dev.invitegate.responder.entra.TokenPolicy;
import dev.invitegate.responder.entra.TokenValidator;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The baseline: a Helidon endpoint on 127.0.0.1 that only validates the token (same validator and
 * cache as the responder) and echoes the JSON body. Run as its own process with the responder's JVM
 * options, so the two differ only in what the responder does beyond this.
 *
 * <p>Argument: the JWKS URI. Prints {@code Listening on port N} once it serves.
 */
public final class BareEndpoint {

  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: BareEndpoint <jwks uri>");
    }
    SigningKeys keys =
        SigningKeys.fetchedFrom(List.of(URI.create(args[0])), Duration.ofMillis(320));
    if (!keys.load()) {
      throw new IllegalStateException("no signing keys from " + args[0]);
    }
    TokenValidator tokens =
        new TokenValidator(
            new TokenPolicy(
                TestTokens.TENANT,
                TestTokens.CLIENT_ID,
                Set.copyOf(TokenPolicy.defaultIssuers(TestTokens.TENANT)),
                TokenPolicy.DEFAULT_CLOCK_SKEW),
            keys,
            Clock.systemUTC(),
            1024);
    WebServer server =
        WebServer.builder()
            .address(InetAddress.getLoopbackAddress())
            .port(0)
            .routing(
                routing ->
                    routing.post(
                        "/entra/events",
                        (req, res) -> {
                          if (tokens.check(req.headers().first(HeaderNames.AUTHORIZATION))
                              instanceof TokenCheck.Refused) {
                            res.status(Status.UNAUTHORIZED_401).send();
                            return;
                          }
                          byte[] body = req.content().as(byte[].class);
                          res.header(HeaderValues.CONTENT_TYPE_JSON).send(body);
                        }))
            .build()
            .start();
    System.out.println("Listening on port " + server.port());
  }

  private BareEndpoint() {}
}
