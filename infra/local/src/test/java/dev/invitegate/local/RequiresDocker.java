package dev.invitegate.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where a Docker engine answers; elsewhere it is skipped with the reason,
 * never failed. Microsoft's Cosmos DB and Service Bus emulators exist only as container images.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
public @interface RequiresDocker {

  /** Decides once per class whether Docker is there. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (dockerAvailable()) {
        return ConditionEvaluationResult.enabled("a Docker engine is available");
      }
      return ConditionEvaluationResult.disabled(
          "Skipped: no Docker engine is reachable here, and Microsoft's official emulators run only as containers;"
              + " the same scenarios ran against the local stand-ins instead");
    }

    private static boolean dockerAvailable() {
      try {
        return DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }
  }
}
