package dev.invitegate.worker.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /health/live}, {@code GET /health/ready} and {@code GET /metrics} on the admin port.
 * The JDK's HTTP server is enough for three probes and keeps a web framework out of the worker.
 */
public final class AdminServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private AdminServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static AdminServer start(String host, int port, Health health, PrometheusMetrics metrics) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
      server.createContext(
          "/health/live",
          exchange ->
              respond(
                  exchange,
                  health.live() ? 200 : 503,
                  "text/plain",
                  health.live() ? "UP\n" : "DOWN " + health.fatalReason().orElse("") + "\n"));
      server.createContext(
          "/health/ready",
          exchange ->
              respond(
                  exchange,
                  health.ready() ? 200 : 503,
                  "text/plain",
                  health.ready() ? "READY\n" : "NOT READY\n"));
      server.createContext(
          "/metrics",
          exchange ->
              respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
      ExecutorService executor =
          Executors.newFixedThreadPool(
              2,
              runnable -> {
                Thread thread = new Thread(runnable, "admin-http");
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(executor);
      server.start();
      return new AdminServer(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on admin port " + host + ":" + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
