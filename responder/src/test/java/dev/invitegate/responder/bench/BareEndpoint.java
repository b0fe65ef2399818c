package dev.invitegate.responder.bench;

import dev.invitegate.responder.entra.TokenCheck;
import dev.invitegate.responder.entra.TokenValidator;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;

/** The baseline: a Helidon endpoint that only validates the token and echoes the JSON body. */
final class BareEndpoint implements AutoCloseable {

  private final WebServer server;

  BareEndpoint(TokenValidator tokens) {
    server =
        WebServer.builder()
            .port(0)
            .routing(
                routing ->
                    routing.post(
                        "/entra/events",
                        (req, res) -> {
                          if (tokens.check(req.headers().first(HeaderNames.AUTHORIZATION))
                              instanceof TokenCheck.Rejected) {
                            res.status(Status.UNAUTHORIZED_401).send();
                            return;
                          }
                          byte[] body = req.content().as(byte[].class);
                          res.header(HeaderValues.CONTENT_TYPE_JSON).send(body);
                        }))
            .build()
            .start();
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
