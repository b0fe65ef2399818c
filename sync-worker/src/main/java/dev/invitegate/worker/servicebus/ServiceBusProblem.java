package dev.invitegate.worker.servicebus;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * What a Service Bus failure means to whoever must act on it, in one line: the one reading of the
 * SDK's failures for the worker and the operators' commands.
 *
 * @param kind what kind of failure, so that a caller can tell configuration from outage
 * @param message one line naming the queue, what was being done and what to check
 */
public record ServiceBusProblem(Kind kind, String message) {

  /** The kinds of failure a caller treats differently. */
  public enum Kind {
    /** The queue does not exist or is disabled: nothing works until an operator fixes it. */
    MISSING,
    /** The credentials or their rights were refused: nothing works until an operator fixes it. */
    REFUSED,
    /** No answer: the namespace is unreachable from here, or too slow. */
    UNREACHABLE,
    /** Anything else. */
    OTHER
  }

  public ServiceBusProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** Whether only an operator can fix it (queue missing or disabled, credentials refused). */
  public boolean configuration() {
    return kind == Kind.MISSING || kind == Kind.REFUSED;
  }

  /**
   * Reads {@code failure}.
   *
   * @param queue the queue's name
   * @param doing what was being done, e.g. "sending" or "peeking at the dead-letter queue"
   * @param roles the data roles an identity needs for it, e.g. "Data Sender"
   */
  public static ServiceBusProblem of(Throwable failure, String queue, String doing, String roles) {
    ServiceBusFailureReason reason = reason(failure);
    if (reason == ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND
        || reason == ServiceBusFailureReason.MESSAGING_ENTITY_DISABLED) {
      return new ServiceBusProblem(
          Kind.MISSING,
          "Service Bus queue '"
              + queue
              + "' does not exist or is disabled (check INVITEGATE_SERVICEBUS_QUEUE)");
    }
    if (reason == ServiceBusFailureReason.UNAUTHORIZED) {
      return new ServiceBusProblem(
          Kind.REFUSED,
          "Service Bus refused the credentials for queue '"
              + queue
              + "' while "
              + doing
              + " (check the connection string, or grant the identity Azure Service Bus "
              + roles
              + ")");
    }
    if (reason == ServiceBusFailureReason.SERVICE_TIMEOUT || unanswered(failure)) {
      return new ServiceBusProblem(
          Kind.UNREACHABLE,
          "Service Bus did not answer while "
              + doing
              + " (queue '"
              + queue
              + "'; is the namespace reachable from here?)");
    }
    return new ServiceBusProblem(
        Kind.OTHER,
        "Service Bus failed while " + doing + " (queue '" + queue + "'): " + firstLine(failure));
  }

  private static ServiceBusFailureReason reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ServiceBusException bus) {
        return bus.getReason();
      }
    }
    return null;
  }

  /** A refused or unresolvable connection, or a wait that timed out, anywhere in the chain. */
  private static boolean unanswered(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof TimeoutException
          || String.valueOf(t.getMessage()).contains("Timeout on blocking read")
          || String.valueOf(t.getMessage()).contains("Did not observe any item")) {
        return true;
      }
    }
    return false;
  }

  /** The SDK's message without its long error context. */
  private static String firstLine(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    int end = message.indexOf('\n');
    int context = message.indexOf(", errorContext[");
    if (context >= 0 && (end < 0 || context < end)) {
      end = context;
    }
    String line = end < 0 ? message : message.substring(0, end);
    return failure.getClass().getSimpleName() + ": " + line;
  }
}
