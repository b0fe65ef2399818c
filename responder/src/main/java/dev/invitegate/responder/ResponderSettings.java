package dev.invitegate.responder;

import dev.invitegate.contracts.SettingsReader;
import dev.invitegate.responder.signup.Messages;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the responder reads from the environment, read once. Every problem is reported at
 * once, each naming its variable.
 */
public record ResponderSettings(
    int httpPort,
    int adminPort,
    String adminHost,
    Cosmos cosmos,
    String tenantId,
    String clientId,
    List<URI> jwksUris,
    List<String> issuers,
    Duration deadline,
    int maxReadsInFlight,
    String blockMessage,
    String inviteCodeAttribute,
    Optional<String> logHashKey) {

  /** The Cosmos variables, shared with the sync worker; the responder only reads. */
  public record Cosmos(
      String endpoint, Optional<String> key, String database, String container, boolean gateway) {}

  static final String HTTP_PORT = "INVITEGATE_HTTP_PORT";
  static final String ADMIN_PORT = "INVITEGATE_ADMIN_PORT";
  static final String ADMIN_HOST = "INVITEGATE_ADMIN_HOST";
  static final String COSMOS_ENDPOINT = "INVITEGATE_COSMOS_ENDPOINT";
  static final String COSMOS_KEY = "INVITEGATE_COSMOS_KEY";
  static final String COSMOS_DATABASE = "INVITEGATE_COSMOS_DATABASE";
  static final String COSMOS_CONTAINER = "INVITEGATE_COSMOS_CONTAINER";
  static final String COSMOS_CONNECTION_MODE = "INVITEGATE_COSMOS_CONNECTION_MODE";
  static final String TENANT_ID = "INVITEGATE_ENTRA_TENANT_ID";
  static final String CLIENT_ID = "INVITEGATE_ENTRA_CLIENT_ID";
  static final String JWKS_URIS = "INVITEGATE_ENTRA_JWKS_URIS";
  static final String ISSUERS = "INVITEGATE_ENTRA_ISSUERS";
  static final String DEADLINE_MS = "INVITEGATE_DEADLINE_MS";
  static final String MAX_READS_IN_FLIGHT = "INVITEGATE_MAX_READS_IN_FLIGHT";
  static final String BLOCK_MESSAGE = "INVITEGATE_BLOCK_MESSAGE";
  static final String INVITE_CODE_ATTRIBUTE = "INVITEGATE_INVITE_CODE_ATTRIBUTE";
  static final String LOG_HASH_KEY = "INVITEGATE_LOG_HASH_KEY";

  /**
   * Reads in flight at most; more are refused at once with the "temporarily unavailable" block
   * page. The gateway client holds 64 connections and queues twice as many reads waiting for one
   * (reactor-netty's default), so 192 is what it can take without failing reads itself. Reads are
   * bounded by the deadline, so the cap is only reached when the store is slow or the CPU starved;
   * at 1,000 calls/s a cap of 64 refused calls that would still have been answered in time.
   */
  static final int DEFAULT_MAX_READS_IN_FLIGHT = 192;

  /** Every variable, for the README and for start-up messages. */
  static final List<String> VARIABLES =
      List.of(
          HTTP_PORT,
          ADMIN_PORT,
          ADMIN_HOST,
          COSMOS_ENDPOINT,
          COSMOS_KEY,
          COSMOS_DATABASE,
          COSMOS_CONTAINER,
          COSMOS_CONNECTION_MODE,
          TENANT_ID,
          CLIENT_ID,
          JWKS_URIS,
          ISSUERS,
          DEADLINE_MS,
          MAX_READS_IN_FLIGHT,
          BLOCK_MESSAGE,
          INVITE_CODE_ATTRIBUTE,
          LOG_HASH_KEY);

  private static final Pattern GUID =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  public ResponderSettings {
    jwksUris = List.copyOf(jwksUris);
    issuers = List.copyOf(issuers);
  }

  /** Reads the settings; throws {@link IllegalArgumentException} listing every problem. */
  public static ResponderSettings from(Map<String, String> env) {
    Reader reader = new Reader(env);
    int httpPort = reader.port(HTTP_PORT, 8080);
    int adminPort = reader.port(ADMIN_PORT, 9090);
    String adminHost = reader.bindAddress(ADMIN_HOST, SettingsReader.ALL_INTERFACES);
    String endpoint = reader.required(COSMOS_ENDPOINT);
    if (endpoint != null) {
      reader.uri(COSMOS_ENDPOINT, endpoint);
    }
    Optional<String> key = reader.optional(COSMOS_KEY);
    String database = reader.optional(COSMOS_DATABASE).orElse("invitegate");
    String container = reader.optional(COSMOS_CONTAINER).orElse("invitations");
    boolean gateway = reader.cosmosGatewayMode(COSMOS_CONNECTION_MODE, hostOf(endpoint));
    String tenantId = reader.guid(TENANT_ID);
    String clientId = reader.guid(CLIENT_ID);
    List<URI> jwksUris = new ArrayList<>();
    Optional<String> jwksOverride = reader.optional(JWKS_URIS);
    if (jwksOverride.isPresent()) {
      for (String value : csv(jwksOverride.get())) {
        URI uri = reader.uri(JWKS_URIS, value);
        if (uri != null && !secureOrLocal(uri)) {
          reader.problem(JWKS_URIS, "must be https (http only for localhost): " + value);
        }
        jwksUris.add(uri);
      }
    } else if (tenantId != null) {
      jwksUris.addAll(defaultJwksUris(tenantId));
    }
    List<String> issuers =
        reader
            .optional(ISSUERS)
            .map(ResponderSettings::csv)
            .orElseGet(() -> tenantId == null ? List.of() : defaultIssuers(tenantId));
    int deadlineMs = reader.integer(DEADLINE_MS, 800, 100, 2000);
    int maxReads = reader.integer(MAX_READS_IN_FLIGHT, DEFAULT_MAX_READS_IN_FLIGHT, 1, 10_000);
    String blockMessage = reader.optional(BLOCK_MESSAGE).orElse(Messages.DEFAULT_NOT_INVITED);
    String inviteCode =
        env.containsKey(INVITE_CODE_ATTRIBUTE)
            ? env.get(INVITE_CODE_ATTRIBUTE).strip()
            : "InviteCode";
    Optional<String> hashKey = reader.logHashKey(LOG_HASH_KEY);
    reader.failIfProblems();
    return new ResponderSettings(
        httpPort,
        adminPort,
        adminHost,
        new Cosmos(endpoint, key, database, container, gateway),
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

  static List<URI> defaultJwksUris(String tenantId) {
    return dev.invitegate.responder.entra.TokenPolicy.defaultJwksUris(tenantId);
  }

  static List<String> defaultIssuers(String tenantId) {
    return dev.invitegate.responder.entra.TokenPolicy.defaultIssuers(tenantId);
  }

  private static String hostOf(String endpoint) {
    if (endpoint == null) {
      return null;
    }
    try {
      return new URI(endpoint).getHost();
    } catch (java.net.URISyntaxException e) {
      return null;
    }
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
    return "ResponderSettings[httpPort=%d, admin=%s:%d, cosmos=%s/%s/%s (%s, key %s), tenant=%s, client=%s, jwks=%s, issuers=%s, deadline=%s, maxReadsInFlight=%d, inviteCodeAttribute=%s, logHashKey=%s]"
        .formatted(
            httpPort,
            adminHost,
            adminPort,
            cosmos.endpoint(),
            cosmos.database(),
            cosmos.container(),
            cosmos.gateway() ? "gateway" : "direct",
            cosmos.key().isPresent() ? "set" : "absent, using Azure identity",
            tenantId,
            clientId,
            jwksUris,
            issuers,
            deadline,
            maxReadsInFlight,
            inviteCodeAttribute,
            logHashKey.isPresent() ? "set" : "random per process");
  }

  /** The shared reader plus the responder's own kinds of value. */
  private static final class Reader extends SettingsReader {

    Reader(Map<String, String> env) {
      super(env);
    }

    String guid(String name) {
      String value = required(name);
      if (value == null) {
        return null;
      }
      String lower = value.toLowerCase(Locale.ROOT);
      if (!GUID.matcher(lower).matches()) {
        problem(name, "must be a GUID");
        return null;
      }
      return lower;
    }

    URI uri(String name, String value) {
      try {
        URI uri = new URI(value);
        if (uri.getScheme() == null || uri.getHost() == null) {
          problem(name, "must be an absolute URL: " + value);
          return null;
        }
        return uri;
      } catch (java.net.URISyntaxException e) {
        problem(name, "must be a URL: " + value);
        return null;
      }
    }
  }
}
