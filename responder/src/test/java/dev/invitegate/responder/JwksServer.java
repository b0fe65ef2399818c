package dev.invitegate.responder;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves a JWK set over local HTTP, as Entra's discovery endpoints do over HTTPS; it can also be
 * told to answer slowly or with a redirect.
 */
public final class JwksServer implements AutoCloseable {

  private final HttpServer server;
  private final AtomicReference<String> keys;
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicReference<URI> redirect = new AtomicReference<>();
  private final AtomicInteger requests = new AtomicInteger();

  public JwksServer(String jwks) {
    this.keys = new AtomicReference<>(jwks);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/keys",
        exchange -> {
          requests.incrementAndGet();
          try {
            Thread.sleep(delay.get());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          URI target = redirect.get();
          if (target != null) {
            exchange.getResponseHeaders().add("Location", target.toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
          }
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

  /** Every later answer waits this long first. */
  public void delay(Duration by) {
    delay.set(by);
  }

  /** Every later answer is a 302 to {@code target}; null answers plainly again. */
  public void redirectTo(URI target) {
    redirect.set(target);
  }

  /** Requests received so far. */
  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
