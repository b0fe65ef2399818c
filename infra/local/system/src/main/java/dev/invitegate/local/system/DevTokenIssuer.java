package dev.invitegate.local.system;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.invitegate.local.entra.EntraTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for the tenant's key endpoint: a signing key made at start, its public key set served
 * on loopback, and tokens signed as Entra's events service signs them. The responder validates them
 * through its ordinary settings ({@code INVITEGATE_ENTRA_JWKS_URIS}, {@code
 * INVITEGATE_ENTRA_ISSUERS}); nothing in it knows it runs locally. The private key is written
 * (owner-only) next to the state, so that {@code simulate} can sign too.
 */
final class DevTokenIssuer implements AutoCloseable {

  /** A tenant and an API app registration that exist nowhere: local development only. */
  static final String TENANT_ID = "10ca1000-0000-4000-8000-00000000ad01";

  static final String CLIENT_ID = "10ca1000-0000-4000-8000-00000000ad02";

  private final RSAKey key;
  private final HttpServer server;

  private DevTokenIssuer(RSAKey key, HttpServer server) {
    this.key = key;
    this.server = server;
  }

  /** Serves the key set on {@code 127.0.0.1:port} (0: a free port). */
  static DevTokenIssuer start(int port) {
    RSAKey key = EntraTokens.newKey("local-" + UUID.randomUUID());
    byte[] keySet = EntraTokens.publicKeySet(key).getBytes(StandardCharsets.UTF_8);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
    server.createContext(
        "/keys",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, keySet.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(keySet);
          }
        });
    server.start();
    return new DevTokenIssuer(key, server);
  }

  URI keySetUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keys");
  }

  static String issuer() {
    return EntraTokens.ciamIssuer(TENANT_ID);
  }

  String token(Instant now) {
    return sign(key, now);
  }

  static String sign(RSAKey key, Instant now) {
    Map<String, Object> claims = EntraTokens.claims(TENANT_ID, CLIENT_ID, issuer(), now);
    return EntraTokens.sign(key, claims);
  }

  /** Writes the private key for {@code simulate}, readable by the owner only. */
  void writeKey(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, key.toJSONString(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
