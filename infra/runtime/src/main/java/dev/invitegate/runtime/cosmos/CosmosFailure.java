package dev.invitegate.runtime.cosmos;

import com.azure.cosmos.CosmosException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;

/**
 * What a failed Cosmos DB call means, decided in one place for both services. Only a 404 for the
 * item is "not there"; a 404 whose sub-status says the database or container does not exist is the
 * store failing, like wrong credentials (both need an operator); throttling and timeouts pass.
 *
 * @param description one line an operator can act on: the operation, the status, what it means
 */
public record CosmosFailure(Kind kind, String description) {

  /** Cosmos DB's sub-status of a 404 for "the database or container does not exist". */
  public static final int OWNER_RESOURCE_NOT_FOUND = 1003;

  /** The kinds of failure, each calling for its own handling. */
  public enum Kind {
    /** The item does not exist: an ordinary answer, not a failure of the store. */
    ITEM_NOT_FOUND(false),
    /** The database or container does not exist. */
    CONTAINER_MISSING(true),
    /** The credentials or the identity's role were refused. */
    ACCESS_DENIED(true),
    /** 429: the account's throughput is exhausted for now. */
    THROTTLED(false),
    /** 408, or no answer in time. */
    TIMEOUT(false),
    /** Anything else: 5xx, a dropped or refused connection. */
    UNAVAILABLE(false);

    private final boolean needsOperator;

    Kind(boolean needsOperator) {
      this.needsOperator = needsOperator;
    }

    /** Whether no retry can help until an operator acts. */
    public boolean needsOperator() {
      return needsOperator;
    }
  }

  public CosmosFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
  }

  /** Classifies {@code error}, raised by {@code operation} (e.g. "read"). */
  public static CosmosFailure of(String operation, Throwable thrown) {
    // Reactor wraps checked exceptions (a TimeoutException) when a call is blocked on.
    Throwable error = Exceptions.unwrap(thrown);
    if (error instanceof TimeoutException) {
      return new CosmosFailure(Kind.TIMEOUT, operation + " did not answer in time");
    }
    if (!(error instanceof CosmosException cosmos)) {
      return new CosmosFailure(Kind.UNAVAILABLE, operation + " failed: " + describe(error));
    }
    int status = cosmos.getStatusCode();
    int subStatus = cosmos.getSubStatusCode();
    String what = operation + " answered " + status + (subStatus == 0 ? "" : "/" + subStatus);
    return switch (status) {
      case 404 ->
          subStatus == OWNER_RESOURCE_NOT_FOUND
              ? new CosmosFailure(
                  Kind.CONTAINER_MISSING, what + ": the database or container does not exist")
              : new CosmosFailure(Kind.ITEM_NOT_FOUND, what + ": no such item");
      case 401 ->
          new CosmosFailure(
              Kind.ACCESS_DENIED,
              what
                  + ": Cosmos DB rejected the credentials (check INVITEGATE_COSMOS_KEY or the"
                  + " identity's data-plane role)");
      case 403 ->
          new CosmosFailure(
              Kind.ACCESS_DENIED,
              what
                  + ": Cosmos DB forbids this (grant the identity a data-plane role such as"
                  + " Cosmos DB Built-in Data Reader or Contributor)");
      case 429 -> new CosmosFailure(Kind.THROTTLED, what + ": throttled");
      case 408 -> new CosmosFailure(Kind.TIMEOUT, what + ": timed out");
      default -> new CosmosFailure(Kind.UNAVAILABLE, what + ": " + firstLine(cosmos));
    };
  }

  /**
   * The exception's own message, first line only: the SDK's messages carry whole diagnostics, and
   * some are misleading on their own (a refused connection to port 1 reads "invalid IPv6 address
   * literal"), so the innermost cause names what happened.
   */
  static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String name = root.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + cut(message);
  }

  private static String firstLine(CosmosException e) {
    String message = e.getShortMessage();
    return message == null ? e.getClass().getSimpleName() : cut(message);
  }

  private static String cut(String message) {
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
