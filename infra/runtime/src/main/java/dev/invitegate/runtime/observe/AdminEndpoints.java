package dev.invitegate.runtime.observe;

import dev.invitegate.runtime.StartupFailure;
import dev.invitegate.runtime.settings.AdminSettings;
import io.helidon.health.HealthCheck;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Health and metrics on the admin port, the same in both services, through Helidon's observe
 * features: {@code GET /health/live} and {@code /health/ready} (JSON, 200 or 503, each check with
 * its status and details) and {@code GET /metrics} (Prometheus text).
 */
public final class AdminEndpoints {

  /** The name of the admin socket in a server that also serves other traffic. */
  public static final String SOCKET = "admin";

  private AdminEndpoints() {}

  /** The observe feature for {@code socket}, with the service's checks and meter registry. */
  public static ObserveFeature feature(
      String socket, MeterRegistry registry, List<HealthCheck> checks) {
    return ObserveFeature.builder()
        .endpoint("/")
        .sockets(List.of(socket))
        .addObserver(
            HealthObserver.builder()
                .endpoint("health")
                .details(true)
                .useSystemServices(false)
                .addChecks(checks.toArray(HealthCheck[]::new))
                .build())
        .addObserver(MetricsObserver.builder().endpoint("metrics").meterRegistry(registry).build())
        .build();
  }

  /**
   * Adds the admin socket, bound as {@code settings} say, with its health and metrics, to a server
   * that serves its own traffic on the default socket.
   */
  public static void addTo(
      WebServerConfig.Builder server,
      AdminSettings settings,
      MeterRegistry registry,
      List<HealthCheck> checks) {
    server
        .putSocket(SOCKET, socket -> socket.host(settings.host()).port(settings.port()))
        .addFeature(feature(SOCKET, registry, checks));
  }

  /**
   * Starts a server that serves only health and metrics, for a service with no other HTTP traffic.
   *
   * @throws StartupFailure naming the address when it cannot listen
   */
  public static WebServer start(
      AdminSettings settings, MeterRegistry registry, List<HealthCheck> checks) {
    WebServerConfig.Builder server =
        WebServer.builder()
            .host(settings.host())
            .port(settings.port())
            .addFeature(feature(WebServer.DEFAULT_SOCKET_NAME, registry, checks));
    return Listening.start(
        server, Map.of("admin port", new InetSocketAddress(settings.host(), settings.port())));
  }
}
