package dev.invitegate.runtime.settings;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the invitation store is and how to reach it: the Cosmos DB variables both services read,
 * with one set of rules.
 *
 * @param endpoint the account endpoint, https
 * @param key the account key; empty means the process's Azure identity ({@code
 *     DefaultAzureCredential}, managed identity in Azure)
 * @param gateway the HTTPS gateway instead of direct TCP (the default for a loopback endpoint,
 *     which the local stand-in is: it speaks only the gateway protocol)
 */
public record CosmosSettings(
    URI endpoint, Optional<String> key, String database, String container, boolean gateway) {

  public static final String ENDPOINT = "INVITEGATE_COSMOS_ENDPOINT";
  public static final String KEY = "INVITEGATE_COSMOS_KEY";
  public static final String DATABASE = "INVITEGATE_COSMOS_DATABASE";
  public static final String CONTAINER = "INVITEGATE_COSMOS_CONTAINER";
  public static final String CONNECTION_MODE = "INVITEGATE_COSMOS_CONNECTION_MODE";

  public static final String DEFAULT_DATABASE = "invitegate";
  public static final String DEFAULT_CONTAINER = "invitations";

  /** Cosmos DB's rule for database and container ids. */
  private static final Pattern NAME = Pattern.compile("[^/\\\\#?\\s]{1,255}");

  public CosmosSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(container, "container");
  }

  /** Reads the Cosmos variables; problems are recorded in {@code reader}. */
  public static CosmosSettings read(SettingsReader reader) {
    URI endpoint = endpoint(reader);
    Optional<String> key = reader.optional(KEY);
    String database = reader.name(DATABASE, DEFAULT_DATABASE, NAME);
    String container = reader.name(CONTAINER, DEFAULT_CONTAINER, NAME);
    boolean gateway = gatewayMode(reader, endpoint.getHost());
    return new CosmosSettings(endpoint, key, database, container, gateway);
  }

  private static URI endpoint(SettingsReader reader) {
    Optional<String> value = reader.optional(ENDPOINT);
    if (value.isEmpty()) {
      reader.problem(ENDPOINT, "required (e.g. https://ACCOUNT.documents.azure.com:443/)");
      return URI.create("https://missing");
    }
    URI uri = reader.url(ENDPOINT, value.get());
    if (uri == null) {
      return URI.create("https://invalid");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      reader.problem(ENDPOINT, "must be an https:// URL with a host");
    }
    return uri;
  }

  /**
   * Unset: gateway for an endpoint on this machine (local stand-ins speak only the HTTPS gateway
   * protocol), else direct (faster in Azure).
   */
  private static boolean gatewayMode(SettingsReader reader, String endpointHost) {
    Optional<String> value = reader.optional(CONNECTION_MODE);
    if (value.isEmpty()) {
      return SettingsReader.isLoopback(endpointHost);
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "gateway" -> true;
      case "direct" -> false;
      default -> {
        reader.problem(CONNECTION_MODE, "must be direct or gateway, was '" + value.get() + "'");
        yield false;
      }
    };
  }

  @Override
  public String toString() {
    // The key stays out of logs.
    String account = endpoint.toString();
    return "%s/%s/%s (%s, %s)"
        .formatted(
            account.endsWith("/") ? account.substring(0, account.length() - 1) : account,
            database,
            container,
            gateway ? "gateway" : "direct",
            key.isPresent() ? "account key" : "Azure identity");
  }
}
