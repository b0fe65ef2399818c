package dev.invitegate.deploy;

import dev.invitegate.deploy.ConfigurationTable.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Whether a value is one the service accepts at start-up, as far as its form goes. Ranges come from
 * the README's {@code (A to B)}; the other forms are the services' own rules, written once here.
 */
final class ValueRules {

  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern NAMESPACE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*(\\.[A-Za-z0-9-]+)+");
  private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,259}");
  private static final Pattern COSMOS_NAME = Pattern.compile("[^/\\\\#?\\s]{1,255}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9:.\\[\\]-]+");

  private static final Map<String, Function<String, Optional<String>>> BY_NAME =
      Map.ofEntries(
          Map.entry("INVITEGATE_COSMOS_ENDPOINT", ValueRules::httpsUrl),
          Map.entry("INVITEGATE_COSMOS_KEY", ValueRules::nonEmpty),
          Map.entry("INVITEGATE_COSMOS_DATABASE", v -> matches(v, COSMOS_NAME, "a Cosmos DB name")),
          Map.entry(
              "INVITEGATE_COSMOS_CONTAINER", v -> matches(v, COSMOS_NAME, "a Cosmos DB name")),
          Map.entry("INVITEGATE_COSMOS_CONNECTION_MODE", v -> oneOf(v, "direct", "gateway")),
          Map.entry("INVITEGATE_COSMOS_CREATE_IF_MISSING", v -> oneOf(v, "true", "false")),
          Map.entry(
              "INVITEGATE_LOG_HASH_KEY",
              v ->
                  v.length() >= 16
                      ? Optional.empty()
                      : Optional.of("needs at least 16 characters")),
          Map.entry(
              "INVITEGATE_SERVICEBUS_CONNECTION_STRING",
              v ->
                  v.contains("Endpoint=sb://")
                      ? Optional.empty()
                      : Optional.of("must be a connection string with Endpoint=sb://")),
          Map.entry(
              "INVITEGATE_SERVICEBUS_NAMESPACE",
              v ->
                  matches(
                      v, NAMESPACE, "a fully qualified namespace (NAME.servicebus.windows.net)")),
          Map.entry("INVITEGATE_SERVICEBUS_QUEUE", v -> matches(v, ENTITY_NAME, "a queue name")),
          Map.entry("INVITEGATE_ENTRA_TENANT_ID", v -> matches(v, GUID, "a GUID")),
          Map.entry("INVITEGATE_ENTRA_CLIENT_ID", v -> matches(v, GUID, "a GUID")),
          Map.entry("INVITEGATE_ENTRA_JWKS_URIS", ValueRules::httpsUrls),
          Map.entry("INVITEGATE_ENTRA_ISSUERS", ValueRules::nonEmpty),
          Map.entry("INVITEGATE_BLOCK_MESSAGE", ValueRules::nonEmpty),
          Map.entry("INVITEGATE_INVITE_CODE_ATTRIBUTE", v -> Optional.empty()),
          // The worker's own bounds (WorkerSettings), which its README row does not spell as a
          // range.
          Map.entry("INVITEGATE_WORKER_RETRY_BACKOFF_MS", v -> integer(v, 0, 60_000)),
          Map.entry("INVITEGATE_WORKER_SHUTDOWN_TIMEOUT_SECONDS", v -> integer(v, 1, 600)),
          Map.entry(
              "INVITEGATE_ADMIN_HOST", v -> matches(v, HOST, "an address or host name to bind")));

  private ValueRules() {}

  /** Empty when {@code value} is valid for {@code setting}, else what is wrong. */
  static Optional<String> problem(Setting setting, String value) {
    if (setting.name().endsWith("_PORT")) {
      return integer(value, 0, 65_535);
    }
    Optional<long[]> range = setting.range();
    if (range.isPresent()) {
      return integer(value, range.get()[0], range.get()[1]);
    }
    Function<String, Optional<String>> rule = BY_NAME.get(setting.name());
    if (rule == null) {
      return Optional.of(
          "no value rule for this variable: add one to ValueRules (or a range '(A to B)' to its README row)");
    }
    return rule.apply(value);
  }

  private static Optional<String> integer(String value, long min, long max) {
    try {
      long parsed = Long.parseLong(value);
      return parsed >= min && parsed <= max
          ? Optional.empty()
          : Optional.of("must be between " + min + " and " + max);
    } catch (NumberFormatException e) {
      return Optional.of("must be a whole number");
    }
  }

  private static Optional<String> matches(String value, Pattern pattern, String what) {
    return pattern.matcher(value).matches() ? Optional.empty() : Optional.of("must be " + what);
  }

  private static Optional<String> oneOf(String value, String... allowed) {
    for (String candidate : allowed) {
      if (candidate.equalsIgnoreCase(value)) {
        return Optional.empty();
      }
    }
    return Optional.of("must be one of " + String.join(", ", allowed));
  }

  private static Optional<String> nonEmpty(String value) {
    return value.isBlank() ? Optional.of("must not be empty") : Optional.empty();
  }

  private static Optional<String> httpsUrl(String value) {
    try {
      URI uri = new URI(value);
      return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
          ? Optional.empty()
          : Optional.of("must be an https:// URL with a host");
    } catch (URISyntaxException e) {
      return Optional.of("must be a URL");
    }
  }

  private static Optional<String> httpsUrls(String value) {
    for (String part : value.split(",")) {
      Optional<String> problem = httpsUrl(part.strip());
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }
}
