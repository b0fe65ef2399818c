package dev.invitegate.local.cosmos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Invite Gate needs from Cosmos DB, driven through the real Java SDK. Subclasses say which
 * Cosmos: the local stand-in, or Microsoft's emulator in Docker.
 */
abstract class CosmosScenarios {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A client for the Cosmos under test; the subclass owns and closes it. */
  abstract CosmosClient client();

  private CosmosDatabase database;
  private CosmosContainer container;

  @BeforeEach
  void freshContainer() {
    String id = "db-" + UUID.randomUUID();
    client().createDatabaseIfNotExists(id);
    database = client().getDatabase(id);
    database.createContainerIfNotExists(new CosmosContainerProperties("invitations", "/id"));
    container = database.getContainer("invitations");
  }

  @Test
  void createIfNotExists_isIdempotent() {
    assertThat(client().createDatabaseIfNotExists(database.getId()).getProperties().getId())
        .isEqualTo(database.getId());
    assertThat(
            database
                .createContainerIfNotExists(new CosmosContainerProperties("invitations", "/id"))
                .getProperties()
                .getPartitionKeyDefinition()
                .getPaths())
        .containsExactly("/id");
  }

  @Test
  void upsertThenPointRead_returnsTheItemWithAnEtag() {
    String id = "alice+beta@example.com";
    container.upsertItem(item(id, "granted"), new PartitionKey(id), new CosmosItemRequestOptions());

    CosmosItemResponse<ObjectNode> read =
        container.readItem(id, new PartitionKey(id), ObjectNode.class);

    assertThat(read.getStatusCode()).isEqualTo(200);
    assertThat(read.getItem().get("state").asText()).isEqualTo("granted");
    assertThat(read.getETag()).isNotBlank();
  }

  @Test
  void upsert_replacesAnExistingItem() {
    String id = "bob@example.com";
    container.upsertItem(item(id, "granted"));
    container.upsertItem(item(id, "revoked"));

    assertThat(
            container
                .readItem(id, new PartitionKey(id), ObjectNode.class)
                .getItem()
                .get("state")
                .asText())
        .isEqualTo("revoked");
  }

  @Test
  void crossPartitionQuery_readsEveryItemOnce_pageByPage() {
    for (int i = 0; i < 25; i++) {
      container.createItem(item("user" + i + "@example.org", "granted"));
    }

    List<String> ids = new ArrayList<>();
    int pages = 0;
    for (FeedResponse<ObjectNode> page :
        container
            .queryItems("SELECT * FROM c", new CosmosQueryRequestOptions(), ObjectNode.class)
            .iterableByPage(10)) {
      pages++;
      page.getResults().forEach(found -> ids.add(found.get("id").asText()));
    }

    assertThat(ids).hasSize(25).doesNotHaveDuplicates();
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  @Test
  void pointReadOfAMissingItem_is404() {
    assertThatThrownBy(
            () ->
                container.readItem(
                    "nobody@example.com", new PartitionKey("nobody@example.com"), ObjectNode.class))
        .isInstanceOfSatisfying(
            CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
  }

  @Test
  void pointReadAfterDelete_is404() {
    String id = "carol@example.com";
    container.createItem(item(id, "granted"));
    container.deleteItem(id, new PartitionKey(id), new CosmosItemRequestOptions());

    assertThatThrownBy(() -> container.readItem(id, new PartitionKey(id), ObjectNode.class))
        .isInstanceOfSatisfying(
            CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
  }

  @Test
  void createOfAnExistingId_is409() {
    String id = "dave@example.com";
    container.createItem(item(id, "granted"));

    assertThatThrownBy(() -> container.createItem(item(id, "granted")))
        .isInstanceOfSatisfying(
            CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(409));
  }

  @Test
  void replaceWithTheCurrentEtag_succeedsAndChangesTheEtag() {
    String id = "erin@example.com";
    String etag = container.createItem(item(id, "granted")).getETag();

    CosmosItemResponse<ObjectNode> replaced =
        container.replaceItem(item(id, "revoked"), id, new PartitionKey(id), ifMatch(etag));

    assertThat(replaced.getStatusCode()).isEqualTo(200);
    assertThat(replaced.getETag()).isNotEqualTo(etag);
  }

  @Test
  void replaceWithAStaleEtag_is412AndChangesNothing() {
    String id = "frank@example.com";
    String stale = container.createItem(item(id, "granted")).getETag();
    container.replaceItem(item(id, "revoked"), id, new PartitionKey(id), ifMatch(stale));

    assertThatThrownBy(
            () ->
                container.replaceItem(
                    item(id, "granted"), id, new PartitionKey(id), ifMatch(stale)))
        .isInstanceOfSatisfying(
            CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(412));
    assertThat(
            container
                .readItem(id, new PartitionKey(id), ObjectNode.class)
                .getItem()
                .get("state")
                .asText())
        .isEqualTo("revoked");
  }

  @Test
  void idsWithReservedUrlCharacters_roundTrip() {
    for (String id :
        new String[] {"o'brien+tag@example.com", "a%b&c=d@example.com", "zoë@exämple.com"}) {
      container.upsertItem(item(id, "granted"));
      assertThat(
              container
                  .readItem(id, new PartitionKey(id), ObjectNode.class)
                  .getItem()
                  .get("id")
                  .asText())
          .isEqualTo(id);
    }
  }

  private static CosmosItemRequestOptions ifMatch(String etag) {
    return new CosmosItemRequestOptions().setIfMatchETag(etag);
  }

  static ObjectNode item(String id, String state) {
    return JSON.createObjectNode().put("id", id).put("state", state);
  }

  CosmosContainer container() {
    return container;
  }
}
