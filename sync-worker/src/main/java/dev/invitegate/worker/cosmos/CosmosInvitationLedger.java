package dev.invitegate.worker.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationDocumentCodec;
import dev.invitegate.worker.projection.InvitationLedger;
import dev.invitegate.worker.projection.LedgerFailure;
import dev.invitegate.worker.projection.Versioned;
import dev.invitegate.worker.projection.WriteResult;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link InvitationLedger} on one Cosmos DB container whose partition key path is {@code /id}: one
 * point read and one conditional write per event. 404, 409 and 412 are ordinary answers; every
 * other failure becomes a {@link LedgerFailure} classified by {@link CosmosFailures}.
 */
public final class CosmosInvitationLedger implements InvitationLedger {

  private final CosmosContainer container;

  public CosmosInvitationLedger(CosmosContainer container) {
    this.container = Objects.requireNonNull(container, "container");
  }

  @Override
  public Optional<Versioned<InvitationDocument>> read(EmailKey key) {
    try {
      CosmosItemResponse<JsonNode> response =
          container.readItem(key.value(), new PartitionKey(key.value()), JsonNode.class);
      return Optional.of(
          new Versioned<>(decode(response.getItem()), Objects.requireNonNull(response.getETag())));
    } catch (CosmosException e) {
      if (e.getStatusCode() == 404 && !CosmosFailures.isMissingContainer(e)) {
        return Optional.empty();
      }
      throw CosmosFailures.classify("read", e);
    } catch (RuntimeException e) {
      throw asFailure("read", e);
    }
  }

  @Override
  public WriteResult create(InvitationDocument document) {
    String id = document.id().value();
    try {
      CosmosItemResponse<JsonNode> response =
          container.createItem(
              InvitationDocumentCodec.toJson(document),
              new PartitionKey(id),
              new CosmosItemRequestOptions().setContentResponseOnWriteEnabled(false));
      return new WriteResult.Written(response.getETag());
    } catch (CosmosException e) {
      if (e.getStatusCode() == 409) {
        return new WriteResult.Conflict();
      }
      throw CosmosFailures.classify("create", e);
    } catch (RuntimeException e) {
      throw asFailure("create", e);
    }
  }

  @Override
  public WriteResult replaceIf(InvitationDocument document, String etag) {
    String id = document.id().value();
    try {
      CosmosItemResponse<JsonNode> response =
          container.replaceItem(
              InvitationDocumentCodec.toJson(document),
              id,
              new PartitionKey(id),
              new CosmosItemRequestOptions()
                  .setIfMatchETag(etag)
                  .setContentResponseOnWriteEnabled(false));
      return new WriteResult.Written(response.getETag());
    } catch (CosmosException e) {
      if (e.getStatusCode() == 412
          || (e.getStatusCode() == 404 && !CosmosFailures.isMissingContainer(e))) {
        return new WriteResult.Conflict();
      }
      throw CosmosFailures.classify("replace", e);
    } catch (RuntimeException e) {
      throw asFailure("replace", e);
    }
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

  private static LedgerFailure asFailure(String operation, RuntimeException e) {
    return e instanceof LedgerFailure failure ? failure : CosmosFailures.classify(operation, e);
  }
}
