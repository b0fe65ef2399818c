package dev.invitegate.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerHealthTest {

  private final WorkerHealth health = new WorkerHealth();

  @Test
  void isLiveButNotReady_whileStarting() {
    assertThat(call(HealthCheckType.LIVENESS).status()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(call(HealthCheckType.READINESS).status()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(call(HealthCheckType.READINESS).details()).containsEntry("reason", "starting");
    assertThat(health.ready()).isFalse();
  }

  @Test
  void isReady_whileReceiving() {
    health.receiving();

    assertThat(call(HealthCheckType.READINESS).status()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(health.ready()).isTrue();
  }

  @Test
  void isNotReady_onceStopping() {
    health.receiving();
    health.stopping();

    assertThat(call(HealthCheckType.READINESS).details()).containsEntry("reason", "stopping");
    assertThat(call(HealthCheckType.LIVENESS).status()).isEqualTo(HealthCheckResponse.Status.UP);
  }

  @Test
  void isNeitherLiveNorReady_afterAFatalError_andKeepsTheFirstReason() {
    health.receiving();

    assertThat(health.fatal("Cosmos DB rejected the credentials")).isTrue();
    assertThat(health.fatal("a later error")).isFalse();

    HealthCheckResponse live = call(HealthCheckType.LIVENESS);
    assertThat(live.status()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(live.details()).isEqualTo(Map.of("reason", "Cosmos DB rejected the credentials"));
    assertThat(call(HealthCheckType.READINESS).status()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(health.ready()).isFalse();
  }

  private HealthCheckResponse call(HealthCheckType type) {
    return health.checks().stream()
        .filter(check -> check.type() == type)
        .map(HealthCheck::call)
        .findFirst()
        .orElseThrow();
  }
}
