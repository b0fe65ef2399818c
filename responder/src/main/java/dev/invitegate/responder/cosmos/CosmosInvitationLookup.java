package dev.invitegate.responder.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationDocumentCodec;
import dev.invitegate.responder.signup.InvitationLookup;
import dev.invitegate.responder.signup.LookupResult;
import dev.invitegate.runtime.cosmos.CosmosFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * One point read (id = partition key = email key). The wait for the answer is bounded by the budget
 * whatever the SDK does, and a read not answered by then is cancelled, which stops the SDK's
 * retries.
 */
public final class CosmosInvitationLookup implements InvitationLookup {

  private final CosmosAsyncContainer container;
  private final Runnable containerMissing;

  /**
   * @param containerMissing told when a read finds the database or container gone, so readiness can
   *     say so
   */
  public CosmosInvitationLookup(CosmosAsyncContainer container, Runnable containerMissing) {
    this.container = container;
    this.containerMissing = containerMissing;
  }

  @Override
  public LookupResult find(EmailKey email, Duration budget) {
    long started = System.nanoTime();
    // Outcomes, 404 included, become values on the SDK's thread: an exception crossing the future
    // would be wrapped, and wrapping calls CosmosException.toString, which renders the whole
    // diagnostics as JSON (a not-invited email is a 404, so this is a hot path).
    CompletableFuture<LookupResult> read =
        container
            .readItem(email.value(), new PartitionKey(email.value()), JsonNode.class)
            .map(response -> decode(response.getItem(), since(started)))
            .onErrorResume(error -> Mono.just(fromError(error, started, containerMissing)))
            .toFuture();
    try {
      // Subscribing runs part of the SDK's work on this thread; on a busy machine that takes a
      // while, so the wait gets what is left of the budget, not the whole budget again.
      long left = budget.toNanos() - (System.nanoTime() - started);
      return read.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      LookupResult timedOut =
          failed(
              LookupResult.Failure.TIMEOUT,
              "no answer within " + budget.toMillis() + " ms",
              started);
      // Cancelling runs the SDK's clean-up, slow the first time; the answer must not wait for it.
      Thread.ofVirtual().start(() -> read.cancel(true));
      return timedOut;
    } catch (ExecutionException e) {
      return fromError(e.getCause(), started, containerMissing);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      read.cancel(true);
      return failed(LookupResult.Failure.UNAVAILABLE, "interrupted", started);
    }
  }

  private static LookupResult decode(JsonNode item, Duration latency) {
    try {
      InvitationDocument document = InvitationDocumentCodec.fromJson(item);
      return new LookupResult.Read(Optional.of(document), latency);
    } catch (RuntimeException e) {
      // A document this version cannot read must not let anyone in.
      return new LookupResult.Failed(
          LookupResult.Failure.UNAVAILABLE,
          "unreadable document: " + e.getClass().getSimpleName(),
          latency);
    }
  }

  /**
   * Only a 404 for the item means "no invitation"; a missing container or database is the store
   * failing, and must not read as "not invited" everywhere.
   */
  private static LookupResult fromError(Throwable error, long started, Runnable containerMissing) {
    CosmosFailure failure = CosmosFailure.of("read", error);
    return switch (failure.kind()) {
      case ITEM_NOT_FOUND -> new LookupResult.Read(Optional.empty(), since(started));
      case THROTTLED -> failed(LookupResult.Failure.THROTTLED, failure.description(), started);
      case TIMEOUT -> failed(LookupResult.Failure.TIMEOUT, failure.description(), started);
      case CONTAINER_MISSING -> {
        containerMissing.run();
        yield failed(LookupResult.Failure.UNAVAILABLE, failure.description(), started);
      }
      case ACCESS_DENIED, UNAVAILABLE ->
          failed(LookupResult.Failure.UNAVAILABLE, failure.description(), started);
    };
  }

  private static LookupResult failed(LookupResult.Failure failure, String detail, long started) {
    return new LookupResult.Failed(failure, detail, since(started));
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
