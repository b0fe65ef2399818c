package dev.invitegate.responder.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The Helidon server: Entra's endpoint on the main port, health and metrics on the admin port. */
public final class ResponderServer {

  private static final System.Logger LOG = System.getLogger(ResponderServer.class.getName());
  private static final String ADMIN = "admin";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Requests grow with the collected attributes; far above any real one, far below harm. */
  public static final long MAX_PAYLOAD_BYTES = 256 * 1024;

  private final WebServer server;

  private ResponderServer(WebServer server) {
    this.server = server;
  }

  /** Starts listening; port 0 picks a free port. */
  public static ResponderServer start(
      int port,
      String adminHost,
      int adminPort,
      EntraEventsHandler events,
      Readiness readiness,
      ResponderMetrics metrics) {
    WebServer server =
        WebServer.builder()
            .port(port)
            .maxPayloadSize(MAX_PAYLOAD_BYTES)
            .routing(routing -> entraRouting(routing, events, metrics))
            .putSocket(ADMIN, socket -> socket.host(adminHost).port(adminPort))
            .routing(ADMIN, routing -> adminRouting(routing, readiness, metrics))
            .build()
            .start();
    return new ResponderServer(server);
  }

  static void entraRouting(
      HttpRouting.Builder routing, EntraEventsHandler events, ResponderMetrics metrics) {
    routing
        .post("/entra/events", events)
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

  static void adminRouting(
      HttpRouting.Builder routing, Readiness readiness, ResponderMetrics metrics) {
    routing
        .get("/health/live", (req, res) -> sendJson(res, 200, status(true, Map.of())))
        .get(
            "/health/ready",
            (req, res) -> {
              Map<String, Boolean> checks = readiness.evaluate();
              boolean ready = !checks.containsValue(false);
              sendJson(res, ready ? 200 : 503, status(ready, checks));
            })
        .get(
            "/metrics",
            (req, res) -> {
              res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
              res.send(metrics.render().getBytes(StandardCharsets.UTF_8));
            });
  }

  private static ObjectNode status(boolean up, Map<String, Boolean> checks) {
    ObjectNode node = JSON.createObjectNode();
    node.put("status", up ? "UP" : "DOWN");
    if (!checks.isEmpty()) {
      ObjectNode detail = node.putObject("checks");
      checks.forEach((name, ok) -> detail.put(name, ok ? "UP" : "DOWN"));
    }
    return node;
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
    ObjectNode node = JSON.createObjectNode();
    node.put("error", error);
    node.put("error_description", description);
    sendJson(res, status, node);
  }

  private static void sendJson(ServerResponse res, int status, ObjectNode body) {
    res.status(Status.create(status));
    res.header(HeaderValues.CONTENT_TYPE_JSON);
    res.send(body.toString().getBytes(StandardCharsets.UTF_8));
  }

  public int port() {
    return server.port();
  }

  public int adminPort() {
    return server.port(ADMIN);
  }

  public void stop() {
    server.stop();
  }
}
