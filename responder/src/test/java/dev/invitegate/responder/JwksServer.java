package dev.invitegate.responder;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/** Serves a JWK set over local HTTP, as Entra's discovery endpoints do over HTTPS. */
public final class JwksServer implements AutoCloseable {

  private final HttpServer server;
  private final AtomicReference<String> keys;

  public JwksServer(String jwks) {
    this.keys = new AtomicReference<>(jwks);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/keys",
        exchange -> {
          byte[] body = keys.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  public URI uri() {
    InetSocketAddress address = server.getAddress();
    return URI.create(
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/keys");
  }

  public void serve(String jwks) {
    keys.set(jwks);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
