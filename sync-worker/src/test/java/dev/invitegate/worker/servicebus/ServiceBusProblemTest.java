package dev.invitegate.worker.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusErrorSource;
import com.azure.messaging.servicebus.ServiceBusException;
import dev.invitegate.worker.servicebus.ServiceBusProblem.Kind;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ServiceBusProblemTest {

  private static ServiceBusException fromService(AmqpErrorCondition condition) {
    return new ServiceBusException(
        new AmqpException(false, condition, "the service said no", null),
        ServiceBusErrorSource.SEND);
  }

  private static ServiceBusProblem read(Throwable failure) {
    return ServiceBusProblem.of(failure, "invitation-events", "sending", "Data Sender");
  }

  @Test
  void aMissingOrDisabledQueue_namesTheQueueAndTheVariable() {
    for (AmqpErrorCondition condition :
        new AmqpErrorCondition[] {
          AmqpErrorCondition.NOT_FOUND, AmqpErrorCondition.ENTITY_DISABLED_ERROR
        }) {
      ServiceBusProblem problem = read(fromService(condition));
      assertThat(problem.kind()).as("%s", condition).isEqualTo(Kind.MISSING);
      assertThat(problem.configuration()).isTrue();
      assertThat(problem.message())
          .contains("'invitation-events'")
          .contains("INVITEGATE_SERVICEBUS_QUEUE");
    }
  }

  @Test
  void refusedCredentials_nameTheRoleToGrant_evenWhenWrapped() {
    ServiceBusProblem problem =
        read(
            new IllegalStateException(
                "wrapped", fromService(AmqpErrorCondition.UNAUTHORIZED_ACCESS)));
    assertThat(problem.kind()).isEqualTo(Kind.REFUSED);
    assertThat(problem.configuration()).isTrue();
    assertThat(problem.message())
        .contains("while sending")
        .contains("Azure Service Bus Data Sender");
  }

  @Test
  void noAnswer_isUnreachable_andNoConfigurationError() {
    for (Throwable failure :
        new Throwable[] {
          new IllegalStateException("x", new ConnectException("Connection refused")),
          new RuntimeException(new TimeoutException("Did not observe any item")),
          new IllegalStateException("Timeout on blocking read for 30000000000 NANOSECONDS"),
          fromService(AmqpErrorCondition.TIMEOUT_ERROR)
        }) {
      ServiceBusProblem problem = read(failure);
      assertThat(problem.kind()).as("%s", failure).isEqualTo(Kind.UNREACHABLE);
      assertThat(problem.configuration()).isFalse();
      assertThat(problem.message()).contains("did not answer while sending");
    }
  }

  @Test
  void anythingElse_keepsTheFirstLineOfTheSdksMessage_withoutItsErrorContext() {
    ServiceBusProblem problem =
        read(new IllegalArgumentException("bad thing, errorContext[NAMESPACE: x]\nsecond line"));
    assertThat(problem.kind()).isEqualTo(Kind.OTHER);
    assertThat(problem.message())
        .endsWith("IllegalArgumentException: bad thing")
        .doesNotContain("errorContext")
        .doesNotContain("second line");
  }
}
