package dev.invitegate.worker.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.invitegate.runtime.observe.AdminEndpoints;
import dev.invitegate.runtime.settings.AdminSettings;
import dev.invitegate.worker.it.LocalWorld;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The series the README documents, as the admin port serves them (on the loopback interface). */
class WorkerMetersTest {

  // Tests make one registry each, and close it; the worker makes one per process.
  private final MeterRegistry registry =
      MeterRegistry.create(MetricsConfig.builder().warnOnMultipleRegistries(false).build());
  private final WorkerMeters meters = new WorkerMeters(registry);
  private final WebServer admin =
      AdminEndpoints.start(new AdminSettings("127.0.0.1", 0), registry, List.of());

  @AfterEach
  void stop() {
    admin.stop();
    registry.close();
  }

  @Test
  void servesCountersFromZero_beforeAnyEvent() throws Exception {
    String scrape = scrape();

    assertThat(scrape)
        .contains("# TYPE invitegate_worker_events_applied_total counter")
        .contains("# TYPE invitegate_worker_events_stale_total counter")
        .contains("# TYPE invitegate_worker_settlement_failures_total counter")
        .contains("# TYPE invitegate_worker_projection_seconds histogram")
        .contains("# TYPE invitegate_worker_enqueue_to_applied_seconds histogram");
    assertThat(LocalWorld.metric(scrape, "invitegate_worker_events_applied_total")).isZero();
  }

  @Test
  void countsEachOutcome_underItsDocumentedName() throws Exception {
    meters.applied(Duration.ofMillis(3), Optional.of(Duration.ofMillis(40)));
    meters.applied(Duration.ofMillis(4), Optional.empty());
    meters.stale(Duration.ofMillis(1));
    meters.deadLettered("InvalidEvent");
    meters.deadLettered("InvalidEvent");
    meters.deadLettered("MalformedJson");
    meters.abandoned("transient");
    meters.abandoned("shutdown");
    meters.settlementFailed();

    String scrape = scrape();

    assertThat(LocalWorld.metric(scrape, "invitegate_worker_events_applied_total")).isEqualTo(2);
    assertThat(LocalWorld.metric(scrape, "invitegate_worker_events_stale_total")).isEqualTo(1);
    assertThat(
            LocalWorld.metric(
                scrape, "invitegate_worker_events_dead_lettered_total{reason=\"InvalidEvent\"}"))
        .isEqualTo(2);
    assertThat(
            LocalWorld.metric(
                scrape, "invitegate_worker_events_dead_lettered_total{reason=\"MalformedJson\"}"))
        .isEqualTo(1);
    assertThat(
            LocalWorld.metric(
                scrape, "invitegate_worker_events_abandoned_total{cause=\"transient\"}"))
        .isEqualTo(1);
    assertThat(
            LocalWorld.metric(
                scrape, "invitegate_worker_events_abandoned_total{cause=\"shutdown\"}"))
        .isEqualTo(1);
    assertThat(LocalWorld.metric(scrape, "invitegate_worker_settlement_failures_total"))
        .isEqualTo(1);
  }

  @Test
  void recordsHistogramsInSeconds_withBucketsOnly() throws Exception {
    meters.applied(Duration.ofMillis(2), Optional.of(Duration.ofMillis(40)));
    meters.stale(Duration.ofMillis(7));

    String scrape = scrape();

    assertThat(LocalWorld.metric(scrape, "invitegate_worker_projection_seconds_count"))
        .isEqualTo(2);
    assertThat(
            LocalWorld.metric(scrape, "invitegate_worker_projection_seconds_bucket{le=\"0.0025\"}"))
        .isEqualTo(1);
    assertThat(
            LocalWorld.metric(scrape, "invitegate_worker_projection_seconds_bucket{le=\"0.01\"}"))
        .isEqualTo(2);
    assertThat(LocalWorld.metric(scrape, "invitegate_worker_projection_seconds_sum"))
        .isCloseTo(0.009, within(1e-9));
    assertThat(
            LocalWorld.metric(
                scrape, "invitegate_worker_enqueue_to_applied_seconds_bucket{le=\"0.05\"}"))
        .isEqualTo(1);
    assertThat(scrape).as("no client-side percentiles").doesNotContain("quantile=");
  }

  @Test
  void countsALagFromASkewedClockAsZero_ratherThanDroppingIt() throws Exception {
    meters.applied(Duration.ofMillis(2), Optional.of(Duration.ofSeconds(-3)));

    String scrape = scrape();

    assertThat(LocalWorld.metric(scrape, "invitegate_worker_enqueue_to_applied_seconds_count"))
        .isEqualTo(1);
    assertThat(
            LocalWorld.metric(
                scrape, "invitegate_worker_enqueue_to_applied_seconds_bucket{le=\"0.01\"}"))
        .isEqualTo(1);
  }

  private String scrape() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }
}
