package dev.invitegate.responder.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitegate.responder.entra.EntraJson;
import dev.invitegate.runtime.observe.AdminEndpoints;
import dev.invitegate.runtime.observe.Checks;
import dev.invitegate.runtime.observe.Listening;
import dev.invitegate.runtime.settings.AdminSettings;
import io.helidon.health.HealthCheck;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Helidon server: Entra's endpoint on the main port, JSON through the wire's strict mapper,
 * errors mapped once; health and metrics on the admin port.
 */
public final class ResponderServer {

  private static final System.Logger LOG = System.getLogger(ResponderServer.class.getName());

  /** Requests grow with the collected attributes; far above any real one, far below harm. */
  public static final long MAX_PAYLOAD_BYTES = 256 * 1024;

  private final WebServer server;

  private ResponderServer(WebServer server) {
    this.server = server;
  }

  /**
   * Starts listening; port 0 picks a free port.
   *
   * @param readiness what must hold before the responder takes traffic: each check's problem, if it
   *     has one
   * @throws dev.invitegate.runtime.StartupFailure naming the port that cannot be listened on
   */
  public static ResponderServer start(
      int port,
      AdminSettings admin,
      EntraEventsService events,
      ResponderMetrics metrics,
      Map<String, Supplier<Optional<String>>> readiness) {
    WebServerConfig.Builder server =
        WebServer.builder()
            .port(port)
            .maxPayloadSize(MAX_PAYLOAD_BYTES)
            .mediaContext(
                MediaContext.builder()
                    .addMediaSupport(JacksonSupport.create(EntraJson.mapper()))
                    .build())
            .routing(routing -> entraRouting(routing, events, metrics));
    List<HealthCheck> checks = new ArrayList<>();
    readiness.forEach((name, problem) -> checks.add(Checks.readiness(name, problem)));
    AdminEndpoints.addTo(server, admin, metrics.registry(), checks);
    Map<String, InetSocketAddress> sockets = new LinkedHashMap<>();
    sockets.put("Entra port", new InetSocketAddress(port));
    sockets.put("admin port", new InetSocketAddress(admin.host(), admin.port()));
    return new ResponderServer(Listening.start(server, sockets));
  }

  static void entraRouting(
      HttpRouting.Builder routing, EntraEventsService events, ResponderMetrics metrics) {
    routing
        .register(events)
        .error(
            RequestRejected.class,
            (req, res, rejected) -> {
              metrics.rejected(rejected.status());
              if (rejected.status() == 401) {
                LOG.log(Level.INFO, "Refused a call: {0}", rejected.getMessage());
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                sendError(res, 401, rejected.error(), "The bearer token was not accepted.");
              } else {
                sendError(res, rejected.status(), rejected.error(), rejected.getMessage());
              }
            })
        .error(
            RuntimeException.class,
            (req, res, failure) -> {
              if (failure instanceof HttpException http) {
                int status = http.status().code();
                metrics.rejected(status);
                sendError(res, status, errorName(status), http.status().reasonPhrase());
                return;
              }
              // Logged here, where it can be read; the caller only learns that it failed.
              LOG.log(Level.ERROR, "Unexpected failure answering a call", failure);
              metrics.rejected(500);
              sendError(res, 500, "internal_error", "The call could not be answered.");
            });
  }

  private static String errorName(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      default -> status >= 500 ? "internal_error" : "request_rejected";
    };
  }

  private static void sendError(ServerResponse res, int status, String error, String description) {
    ObjectNode node = EntraJson.mapper().createObjectNode();
    node.put("error", error);
    node.put("error_description", description);
    res.status(Status.create(status));
    res.send(node);
  }

  public int port() {
    return server.port();
  }

  public int adminPort() {
    return server.port(AdminEndpoints.SOCKET);
  }

  public void stop() {
    server.stop();
  }
}
