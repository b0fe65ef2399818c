package dev.invitegate.worker.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationDocumentCodec;
import dev.invitegate.runtime.cosmos.CosmosFailure;
import dev.invitegate.worker.projection.LedgerFailure;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every document of the invitation container, read page by page with one cross-partition query and
 * its continuations, in the store's own order: memory holds one page at a time (and the next one,
 * fetched while the last is used).
 */
public final class CosmosInvitationScan {

  private static final String ALL = "SELECT * FROM c";

  private final CosmosAsyncContainer container;

  public CosmosInvitationScan(CosmosAsyncContainer container) {
    this.container = Objects.requireNonNull(container, "container");
  }

  /** A stored document as the scan found it. */
  public sealed interface Scanned permits Scanned.Readable, Scanned.Unreadable {

    /** A document of this schema. */
    record Readable(InvitationDocument document) implements Scanned {
      public Readable {
        Objects.requireNonNull(document, "document");
      }
    }

    /**
     * A document this version cannot read.
     *
     * @param id the item's id (an email key: show it masked)
     * @param problem what is wrong, naming the field
     */
    record Unreadable(String id, String problem) implements Scanned {
      public Unreadable {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(problem, "problem");
      }
    }
  }

  /**
   * Hands each document to {@code each}, in pages of {@code pageSize}.
   *
   * @throws LedgerFailure when the store stops answering (fatal for a missing container or refused
   *     credentials); the documents before were handed on
   */
  public void forEach(int pageSize, Consumer<Scanned> each) {
    Iterator<FeedResponse<JsonNode>> pages;
    try {
      pages =
          container
              .queryItems(ALL, new CosmosQueryRequestOptions(), JsonNode.class)
              .byPage(pageSize)
              .toIterable(1)
              .iterator();
    } catch (RuntimeException e) {
      throw failure(e);
    }
    while (true) {
      FeedResponse<JsonNode> page;
      try {
        if (!pages.hasNext()) {
          return;
        }
        page = pages.next();
      } catch (RuntimeException e) {
        throw failure(e);
      }
      for (JsonNode item : page.getResults()) {
        each.accept(decode(item));
      }
    }
  }

  private static Scanned decode(JsonNode item) {
    try {
      return new Scanned.Readable(InvitationDocumentCodec.fromJson(item));
    } catch (IllegalArgumentException e) {
      JsonNode id = item.get("id");
      return new Scanned.Unreadable(id == null ? "" : id.asText(), e.getMessage());
    }
  }

  private static LedgerFailure failure(RuntimeException e) {
    CosmosFailure failure = CosmosFailure.of("querying the container", e);
    return new LedgerFailure(
        failure.kind().needsOperator() ? LedgerFailure.Kind.FATAL : LedgerFailure.Kind.TRANSIENT,
        failure.description(),
        e);
  }
}
