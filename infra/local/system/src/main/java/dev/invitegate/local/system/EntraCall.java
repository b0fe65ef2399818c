package dev.invitegate.local.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One call as Entra makes it: the body posted with its bearer token, and what Entra would do with
 * the answer, in words. Entra waits at most 2 seconds.
 */
final class EntraCall {

  static final Duration ENTRA_TIMEOUT = Duration.ofSeconds(2);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(ENTRA_TIMEOUT).build();

  /**
   * The answer.
   *
   * @param status the HTTP status
   * @param body the body as sent
   * @param action the short name of the one action (e.g. {@code showBlockPage}), or empty
   * @param took how long the answer took
   */
  record Answer(int status, String body, String action, Duration took) {

    /** What Entra would do, in words. */
    String meaning() {
      JsonNode root = parse(body);
      JsonNode act = root.path("data").path("actions").path(0);
      if (status != 200) {
        return "Entra fails the sign-up (HTTP "
            + status
            + ": "
            + root.path("error").asText(body)
            + ")";
      }
      return switch (action) {
        case "continueWithDefaultBehavior" -> "lets the sign-up go on";
        case "setPrefillValues" ->
            "shows the form prefilled (" + String.join(", ", names(act.path("inputs"))) + ")";
        case "showBlockPage" -> "blocks the sign-up: \"" + act.path("message").asText() + "\"";
        case "modifyAttributeValues" ->
            "creates the account with "
                + String.join(", ", names(act.path("attributes")))
                + " put back to the invited value";
        case "showValidationError" ->
            "shows the form again, with an error on "
                + String.join(", ", names(act.path("attributeErrors")));
        case "provideClaimsForToken" -> "adds the claims " + act.path("claims");
        default -> "fails the sign-up: no valid action";
      };
    }
  }

  private EntraCall() {}

  static Answer post(URI url, String token, byte[] body) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(ENTRA_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    String type =
        parse(response.body()).path("data").path("actions").path(0).path("@odata.type").asText("");
    String action = type.contains(".") ? type.substring(type.lastIndexOf('.') + 1) : type;
    return new Answer(response.statusCode(), response.body(), action, took);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}
