package dev.invitegate.responder.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the bearer token of a call: RS256 only, a key of the tenant, then issuer, audience,
 * authorized party, tenant and lifetime. Thread-safe.
 */
public final class TokenValidator {

  /** Far above any Entra token; bounds the work an anonymous caller can cause. */
  private static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private static final String BEARER = "Bearer";

  private final TokenPolicy policy;
  private final SigningKeys keys;
  private final Clock clock;
  private final ValidatedTokens validated;

  public TokenValidator(TokenPolicy policy, SigningKeys keys, Clock clock, int cacheCapacity) {
    this.policy = policy;
    this.keys = keys;
    this.clock = clock;
    this.validated = new ValidatedTokens(cacheCapacity);
  }

  /** Checks the value of the {@code Authorization} header, absent if the call had none. */
  public TokenCheck check(Optional<String> authorization) {
    if (authorization.isEmpty()) {
      return rejected("missing_authorization");
    }
    String header = authorization.get();
    if (header.length() > MAX_TOKEN_LENGTH) {
      return rejected("malformed_authorization");
    }
    Optional<String> bearer = bearerToken(header);
    if (bearer.isEmpty()) {
      return rejected("malformed_authorization");
    }
    String token = bearer.get();
    Instant now = clock.instant();
    Optional<String> cachedTenant = validated.tenantOf(token, now);
    if (cachedTenant.isPresent()) {
      return new TokenCheck.Accepted(cachedTenant.get());
    }
    return validate(token, now);
  }

  /**
   * The token of {@code Bearer <a.b.c>} (scheme case-insensitive, spaces around the token), if the
   * header has that shape and the token only base64url characters and exactly two dots. Scanned by
   * hand: it runs on every call, and a case-insensitive regular expression over a token of a
   * kilobyte cost more than the rest of the check.
   */
  static Optional<String> bearerToken(String header) {
    int length = header.length();
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    int start = BEARER.length();
    if (start >= length || header.charAt(start) != ' ') {
      return Optional.empty();
    }
    while (start < length && header.charAt(start) == ' ') {
      start++;
    }
    int end = length;
    while (end > start && header.charAt(end - 1) == ' ') {
      end--;
    }
    int dots = 0;
    for (int i = start; i < end; i++) {
      char c = header.charAt(i);
      if (c == '.') {
        if (++dots > 2 || i == start) {
          return Optional.empty();
        }
      } else if (!isBase64Url(c)) {
        return Optional.empty();
      }
    }
    return dots == 2 ? Optional.of(header.substring(start, end)) : Optional.empty();
  }

  private static boolean isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  private TokenCheck validate(String token, Instant now) {
    SignedJWT jwt;
    try {
      JWT parsed = JWTParser.parse(token);
      if (!(parsed instanceof SignedJWT signed)) {
        return rejected("unsupported_algorithm");
      }
      jwt = signed;
    } catch (ParseException e) {
      return rejected("malformed_token");
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      return rejected("unsupported_algorithm");
    }
    String keyId = jwt.getHeader().getKeyID();
    if (keyId == null) {
      return rejected("unknown_signing_key");
    }
    Optional<JWSVerifier> verifier = keys.verifierFor(keyId);
    if (verifier.isEmpty()) {
      return rejected("unknown_signing_key");
    }
    try {
      if (!jwt.verify(verifier.get())) {
        return rejected("bad_signature");
      }
      return checkClaims(token, jwt.getJWTClaimsSet(), now);
    } catch (JOSEException e) {
      return rejected("bad_signature");
    } catch (ParseException e) {
      return rejected("malformed_token");
    }
  }

  private TokenCheck checkClaims(String token, JWTClaimsSet claims, Instant now)
      throws ParseException {
    if (claims.getIssuer() == null || !policy.issuers().contains(claims.getIssuer())) {
      return rejected("wrong_issuer");
    }
    List<String> audience = claims.getAudience();
    if (audience.size() != 1 || !policy.clientId().equalsIgnoreCase(audience.getFirst())) {
      return rejected("wrong_audience");
    }
    String version = claims.getStringClaim("ver");
    String partyClaim = "2.0".equals(version) ? "azp" : "1.0".equals(version) ? "appid" : null;
    if (partyClaim == null) {
      return rejected("unsupported_token_version");
    }
    if (!TokenPolicy.AUTHENTICATION_EVENTS_APP_ID.equalsIgnoreCase(
        claims.getStringClaim(partyClaim))) {
      return rejected("wrong_authorized_party");
    }
    String tenant = claims.getStringClaim("tid");
    if (tenant == null || !policy.tenantId().equals(tenant.toLowerCase(Locale.ROOT))) {
      return rejected("wrong_tenant");
    }
    Date expiry = claims.getExpirationTime();
    if (expiry == null) {
      return rejected("expired");
    }
    Instant usableUntil = expiry.toInstant().plus(policy.clockSkew());
    if (!now.isBefore(usableUntil)) {
      return rejected("expired");
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.isBefore(notBefore.toInstant().minus(policy.clockSkew()))) {
      return rejected("not_yet_valid");
    }
    String tenantId = tenant.toLowerCase(Locale.ROOT);
    validated.remember(token, tenantId, usableUntil, now);
    return new TokenCheck.Accepted(tenantId);
  }

  private static TokenCheck rejected(String reason) {
    return new TokenCheck.Rejected(reason);
  }
}
