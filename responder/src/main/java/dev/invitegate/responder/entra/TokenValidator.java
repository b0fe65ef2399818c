package dev.invitegate.responder.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Checks the bearer token of a call with nimbus-jose-jwt's processor: RS256 only, a key of the
 * tenant's JWK sets, then the claims ({@link EntraClaimsVerifier}). A token already accepted is
 * remembered by its hash until it expires ({@link ValidatedTokens}). Thread-safe.
 */
public final class TokenValidator {

  /** Far above any Entra token; bounds the work an anonymous caller can cause. */
  private static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private static final String BEARER = "Bearer";

  private final TokenPolicy policy;
  private final Clock clock;
  private final ConfigurableJWTProcessor<SecurityContext> processor;
  private final ValidatedTokens validated;

  public TokenValidator(TokenPolicy policy, SigningKeys keys, Clock clock, int cacheCapacity) {
    this.policy = policy;
    this.clock = clock;
    this.processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys.source()));
    processor.setJWTClaimsSetVerifier(new EntraClaimsVerifier(policy, clock));
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

  /** The full check, without the cache: what every new token costs. */
  TokenCheck validate(String token, Instant now) {
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
    // Refused before any key is looked up: only RS256 under a key ID can ever be Entra's.
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      return rejected("unsupported_algorithm");
    }
    if (jwt.getHeader().getKeyID() == null) {
      return rejected("unknown_signing_key");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (EntraClaimsVerifier.Refused refused) {
      return rejected(refused.reason());
    } catch (BadJWSException e) {
      return rejected("bad_signature");
    } catch (BadJWTException e) {
      return rejected("malformed_token");
    } catch (RateLimitReachedException e) {
      return rejected("unknown_signing_key");
    } catch (KeySourceException e) {
      return rejected("signing_keys_unavailable");
    } catch (BadJOSEException e) {
      // No key of the tenant carries this key ID (after the refresh the source allows).
      return rejected("unknown_signing_key");
    } catch (JOSEException e) {
      return rejected("bad_signature");
    }
    Date expiry = claims.getExpirationTime();
    String tenantId = policy.tenantId();
    validated.remember(token, tenantId, expiry.toInstant().plus(policy.clockSkew()), now);
    return new TokenCheck.Accepted(tenantId);
  }

  private static TokenCheck rejected(String reason) {
    return new TokenCheck.Refused(reason);
  }
}
