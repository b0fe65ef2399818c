package dev.invitegate.worker.cosmos;

import com.azure.cosmos.CosmosException;
import dev.invitegate.worker.projection.LedgerFailure;

/** The one place that decides which Cosmos DB failures are worth a retry. */
final class CosmosFailures {

  /** Cosmos DB's sub-status for "the database or container does not exist". */
  static final int OWNER_RESOURCE_NOT_FOUND = 1003;

  private CosmosFailures() {}

  static LedgerFailure classify(String operation, RuntimeException failure) {
    if (!(failure instanceof CosmosException cosmos)) {
      // Connection resets, timeouts surfaced by Reactor and the like.
      return new LedgerFailure(
          LedgerFailure.Kind.TRANSIENT, operation + " failed: " + failure, failure);
    }
    int status = cosmos.getStatusCode();
    String what =
        operation
            + " answered "
            + status
            + (cosmos.getSubStatusCode() == 0 ? "" : "/" + cosmos.getSubStatusCode());
    return switch (status) {
      case 401 ->
          new LedgerFailure(
              LedgerFailure.Kind.FATAL,
              what
                  + ": Cosmos DB rejected the credentials (check INVITEGATE_COSMOS_KEY or the"
                  + " identity's data-plane role)",
              cosmos);
      case 403 ->
          new LedgerFailure(
              LedgerFailure.Kind.FATAL,
              what
                  + ": Cosmos DB forbids this (grant the identity a data-plane role such as"
                  + " Cosmos DB Built-in Data Contributor)",
              cosmos);
      case 404 ->
          new LedgerFailure(
              LedgerFailure.Kind.FATAL,
              what + ": the database or container does not exist",
              cosmos);
      default ->
          new LedgerFailure(LedgerFailure.Kind.TRANSIENT, what + ": " + firstLine(cosmos), cosmos);
    };
  }

  static boolean isMissingContainer(CosmosException e) {
    return e.getStatusCode() == 404 && e.getSubStatusCode() == OWNER_RESOURCE_NOT_FOUND;
  }

  private static String firstLine(CosmosException e) {
    String message = e.getShortMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
