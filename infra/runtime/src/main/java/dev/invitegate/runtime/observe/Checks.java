package dev.invitegate.runtime.observe;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.Optional;
import java.util.function.Supplier;

/** Health checks from what a service knows: a problem, or none. */
public final class Checks {

  private Checks() {}

  /** Ready while {@code problem} says none; the problem becomes the check's {@code reason}. */
  public static HealthCheck readiness(String name, Supplier<Optional<String>> problem) {
    return check(name, HealthCheckType.READINESS, problem);
  }

  /** Live while {@code problem} says none. */
  public static HealthCheck liveness(String name, Supplier<Optional<String>> problem) {
    return check(name, HealthCheckType.LIVENESS, problem);
  }

  private static HealthCheck check(
      String name, HealthCheckType type, Supplier<Optional<String>> problem) {
    return new HealthCheck() {
      @Override
      public HealthCheckType type() {
        return type;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public HealthCheckResponse call() {
        Optional<String> found = problem.get();
        HealthCheckResponse.Builder response =
            HealthCheckResponse.builder().status(found.isEmpty());
        found.ifPresent(reason -> response.detail("reason", reason));
        return response.build();
      }
    };
  }
}
