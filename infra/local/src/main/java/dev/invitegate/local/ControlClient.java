package dev.invitegate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain-HTTP JSON calls to a stand-in's control endpoint. */
final class ControlClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ControlClient(URI base) {
    this.base = base;
  }

  JsonNode send(String method, String path, Object body) {
    try {
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(5))
              .header("content-type", "application/json")
              .method(method, publisher)
              .build();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json =
          response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + base.resolve(path) + " answered " + response.statusCode() + ": " + json);
      }
      return json;
    } catch (IOException e) {
      throw new IllegalStateException("control endpoint " + base + " is unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling " + base, e);
    }
  }
}
