package dev.invitegate.responder;

import dev.invitegate.responder.entra.TokenPolicy;
import dev.invitegate.responder.signup.Messages;
import dev.invitegate.runtime.settings.AdminSettings;
import dev.invitegate.runtime.settings.CosmosSettings;
import dev.invitegate.runtime.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the responder reads from the environment, read once. Every problem is reported at
 * once, each naming its variable.
 */
public record ResponderSettings(
    int httpPort,
    AdminSettings admin,
    CosmosSettings cosmos,
    String tenantId,
    String clientId,
    List<URI> jwksUris,
    List<String> issuers,
    Duration deadline,
    int maxReadsInFlight,
    String blockMessage,
    String inviteCodeAttribute,
    Optional<String> logHashKey) {

  static final String HTTP_PORT = "INVITEGATE_HTTP_PORT";
  static final String TENANT_ID = "INVITEGATE_ENTRA_TENANT_ID";
  static final String CLIENT_ID = "INVITEGATE_ENTRA_CLIENT_ID";
  static final String JWKS_URIS = "INVITEGATE_ENTRA_JWKS_URIS";
  static final String ISSUERS = "INVITEGATE_ENTRA_ISSUERS";
  static final String DEADLINE_MS = "INVITEGATE_DEADLINE_MS";
  static final String MAX_READS_IN_FLIGHT = "INVITEGATE_MAX_READS_IN_FLIGHT";
  static final String BLOCK_MESSAGE = "INVITEGATE_BLOCK_MESSAGE";

  static final int DEFAULT_ADMIN_PORT = 9090;

  /**
   * Reads in flight at most; more are refused at once with the "temporarily unavailable" block
   * page. The gateway client holds 64 connections and queues twice as many reads waiting for one
   * (reactor-netty's default), so 192 is what it can take without failing reads itself. Reads are
   * bounded by the deadline, so the cap is only reached when the store is slow or the CPU starved.
   */
  static final int DEFAULT_MAX_READS_IN_FLIGHT = 192;

  public ResponderSettings {
    jwksUris = List.copyOf(jwksUris);
    issuers = List.copyOf(issuers);
  }

  /** Reads the settings; throws {@link IllegalArgumentException} listing every problem. */
  public static ResponderSettings from(Map<String, String> env) {
    return from(new SettingsReader(env));
  }

  /**
   * Reads the settings through {@code reader}, which then knows every variable the responder reads
   * (the README's configuration table is checked against it).
   */
  public static ResponderSettings from(SettingsReader reader) {
    int httpPort = reader.port(HTTP_PORT, 8080);
    AdminSettings admin = AdminSettings.read(reader, DEFAULT_ADMIN_PORT);
    CosmosSettings cosmos = CosmosSettings.read(reader);
    String tenantId = reader.guid(TENANT_ID);
    String clientId = reader.guid(CLIENT_ID);
    List<URI> jwksUris = new ArrayList<>();
    Optional<String> jwksOverride = reader.optional(JWKS_URIS);
    if (jwksOverride.isPresent()) {
      for (String value : csv(jwksOverride.get())) {
        URI uri = reader.url(JWKS_URIS, value);
        if (uri != null && !secureOrLocal(uri)) {
          reader.problem(JWKS_URIS, "must be https (http only for localhost): " + value);
        }
        jwksUris.add(uri);
      }
    } else if (tenantId != null) {
      jwksUris.addAll(TokenPolicy.defaultJwksUris(tenantId));
    }
    List<String> issuers =
        reader
            .optional(ISSUERS)
            .map(ResponderSettings::csv)
            .orElseGet(() -> tenantId == null ? List.of() : TokenPolicy.defaultIssuers(tenantId));
    int deadlineMs = reader.integer(DEADLINE_MS, 800, 100, 2000);
    int maxReads = reader.integer(MAX_READS_IN_FLIGHT, DEFAULT_MAX_READS_IN_FLIGHT, 1, 10_000);
    String blockMessage = reader.optional(BLOCK_MESSAGE).orElse(Messages.DEFAULT_NOT_INVITED);
    String inviteCode = reader.inviteCodeAttribute();
    Optional<String> hashKey = reader.logHashKey();
    reader.failIfProblems();
    return new ResponderSettings(
        httpPort,
        admin,
        cosmos,
        tenantId,
        clientId,
        jwksUris,
        issuers,
        Duration.ofMillis(deadlineMs),
        maxReads,
        blockMessage,
        inviteCode,
        hashKey);
  }

  private static boolean secureOrLocal(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme())
        || ("http".equalsIgnoreCase(uri.getScheme()) && SettingsReader.isLoopback(uri.getHost()));
  }

  private static List<String> csv(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @Override
  public String toString() {
    // Secrets stay out of logs.
    return ("ResponderSettings[httpPort=%d, admin=%s, cosmos=%s, tenant=%s, client=%s, jwks=%s,"
            + " issuers=%s, deadline=%s, maxReadsInFlight=%d, inviteCodeAttribute=%s,"
            + " logHashKey=%s]")
        .formatted(
            httpPort,
            admin,
            cosmos,
            tenantId,
            clientId,
            jwksUris,
            issuers,
            deadline,
            maxReadsInFlight,
            inviteCodeAttribute,
            logHashKey.isPresent() ? "set" : "random per process");
  }
}
