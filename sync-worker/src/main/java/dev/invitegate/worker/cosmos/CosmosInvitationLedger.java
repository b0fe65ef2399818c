package dev.invitegate.worker.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationDocumentCodec;
import dev.invitegate.runtime.cosmos.CosmosFailure;
import dev.invitegate.worker.projection.InvitationLedger;
import dev.invitegate.worker.projection.LedgerFailure;
import dev.invitegate.worker.projection.Versioned;
import dev.invitegate.worker.projection.WriteResult;
import java.util.Objects;
import java.util.Optional;
import reactor.core.Exceptions;

/**
 * {@link InvitationLedger} on one Cosmos DB container whose partition key path is {@code /id}: one
 * point read and one conditional write per event. A missing item, 409 and 412 are ordinary answers;
 * every other failure becomes a {@link LedgerFailure}, as {@link CosmosFailure} classifies it:
 * fatal when an operator must act, else transient.
 *
 * <p>Each call blocks: the Service Bus processor calls the projector on its own threads, one
 * message per thread, and waits for the settlement anyway.
 */
public final class CosmosInvitationLedger implements InvitationLedger {

  private final CosmosAsyncContainer container;

  public CosmosInvitationLedger(CosmosAsyncContainer container) {
    this.container = Objects.requireNonNull(container, "container");
  }

  @Override
  public Optional<Versioned<InvitationDocument>> read(EmailKey key) {
    CosmosItemResponse<JsonNode> response;
    try {
      response =
          container.readItem(key.value(), new PartitionKey(key.value()), JsonNode.class).block();
    } catch (RuntimeException e) {
      CosmosFailure failure = CosmosFailure.of("read", e);
      if (failure.kind() == CosmosFailure.Kind.ITEM_NOT_FOUND) {
        return Optional.empty();
      }
      throw ledgerFailure(failure, e);
    }
    Objects.requireNonNull(response, "read answered nothing");
    return Optional.of(
        new Versioned<>(decode(response.getItem()), Objects.requireNonNull(response.getETag())));
  }

  @Override
  public WriteResult create(InvitationDocument document) {
    String id = document.id().value();
    try {
      return written(
          container
              .createItem(
                  InvitationDocumentCodec.toJson(document),
                  new PartitionKey(id),
                  new CosmosItemRequestOptions().setContentResponseOnWriteEnabled(false))
              .block());
    } catch (RuntimeException e) {
      if (status(e) == 409) {
        return new WriteResult.Conflict();
      }
      throw ledgerFailure(CosmosFailure.of("create", e), e);
    }
  }

  @Override
  public WriteResult replaceIf(InvitationDocument document, String etag) {
    String id = document.id().value();
    try {
      return written(
          container
              .replaceItem(
                  InvitationDocumentCodec.toJson(document),
                  id,
                  new PartitionKey(id),
                  new CosmosItemRequestOptions()
                      .setIfMatchETag(etag)
                      .setContentResponseOnWriteEnabled(false))
              .block());
    } catch (RuntimeException e) {
      CosmosFailure failure = CosmosFailure.of("replace", e);
      // 412: the ETag is stale; a missing item: deleted since it was read. Both are lost races.
      if (status(e) == 412 || failure.kind() == CosmosFailure.Kind.ITEM_NOT_FOUND) {
        return new WriteResult.Conflict();
      }
      throw ledgerFailure(failure, e);
    }
  }

  private static WriteResult written(CosmosItemResponse<?> response) {
    return new WriteResult.Written(Objects.requireNonNull(response, "no response").getETag());
  }

  /** The status of a Cosmos DB answer, 0 for a failure that is not one. */
  private static int status(RuntimeException e) {
    return Exceptions.unwrap(e) instanceof CosmosException cosmos ? cosmos.getStatusCode() : 0;
  }

  private static LedgerFailure ledgerFailure(CosmosFailure failure, RuntimeException cause) {
    return new LedgerFailure(
        failure.kind().needsOperator() ? LedgerFailure.Kind.FATAL : LedgerFailure.Kind.TRANSIENT,
        failure.description(),
        cause);
  }

  private static InvitationDocument decode(JsonNode item) {
    try {
      return InvitationDocumentCodec.fromJson(item);
    } catch (RuntimeException e) {
      // A document we cannot read is not this event's fault: retry, and let the max delivery count
      // park the message where an operator sees it.
      throw new LedgerFailure(
          LedgerFailure.Kind.TRANSIENT, "stored document is unreadable: " + e.getMessage(), e);
    }
  }
}
