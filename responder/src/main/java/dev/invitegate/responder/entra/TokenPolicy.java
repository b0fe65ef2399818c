package dev.invitegate.responder.entra;

import dev.invitegate.contracts.Guid;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a bearer token must say for a call to count as Entra's.
 *
 * @param tenantId the external tenant, lower-case GUID
 * @param clientId the API app registration's client ID: the token's audience
 * @param issuers every accepted {@code iss}; CIAM tokens arrive with either of two issuers
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 */
public record TokenPolicy(
    String tenantId, String clientId, Set<String> issuers, Duration clockSkew) {

  /** The app ID of Entra's authentication events service, the only caller allowed. */
  public static final String AUTHENTICATION_EVENTS_APP_ID = "99045fe1-7639-4a75-9d4a-577b6ca3810f";

  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  public TokenPolicy {
    tenantId = Guid.canonical(Objects.requireNonNull(tenantId, "tenantId"));
    clientId = Guid.canonical(Objects.requireNonNull(clientId, "clientId"));
    issuers = Set.copyOf(issuers);
    if (issuers.isEmpty()) {
      throw new IllegalArgumentException("at least one issuer must be accepted");
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("clock skew must be between 0 and 5 minutes");
    }
  }

  /**
   * The v2 issuers of a CIAM tenant: the tenant-ID ciamlogin.com host and
   * login.microsoftonline.com.
   */
  public static List<String> defaultIssuers(String tenantId) {
    return List.of(
        "https://" + tenantId + ".ciamlogin.com/" + tenantId + "/v2.0",
        "https://login.microsoftonline.com/" + tenantId + "/v2.0");
  }

  /**
   * Both key sets: one team found the signing key only in the ciamlogin.com set, others the other.
   */
  public static List<URI> defaultJwksUris(String tenantId) {
    return List.of(
        URI.create("https://" + tenantId + ".ciamlogin.com/" + tenantId + "/discovery/v2.0/keys"),
        URI.create("https://login.microsoftonline.com/" + tenantId + "/discovery/v2.0/keys"));
  }
}
