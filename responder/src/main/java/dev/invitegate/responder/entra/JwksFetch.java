package dev.invitegate.responder.entra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Fetches the JSON of a JWK set. */
@FunctionalInterface
public interface JwksFetch {

  String fetch(URI uri) throws IOException;

  /** Over HTTPS with short timeouts: a refresh may run on a request's critical path. */
  static JwksFetch overHttp(Duration timeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return uri -> {
      HttpRequest request =
          HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").build();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IOException("JWKS " + uri + " answered HTTP " + response.statusCode());
        }
        return response.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while fetching " + uri, e);
      }
    };
  }
}
