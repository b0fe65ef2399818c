package dev.invitegate.local.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bearer token Entra's authentication events service sends with each call: an app-only v2 token
 * for the API app registration, RS256-signed by a key of the tenant. Here a key of our own signs
 * it, and its public key set is what a responder under test is told to trust.
 */
public final class EntraTokens {

  /** The app ID of Entra's authentication events service, the caller of every extension. */
  public static final String EVENTS_SERVICE_APP_ID = "99045fe1-7639-4a75-9d4a-577b6ca3810f";

  private EntraTokens() {}

  /** A new 2048-bit RSA signing key with key ID {@code keyId}. */
  public static RSAKey newKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("the JDK generates RSA keys", e);
    }
  }

  /** The public JWK set that holds {@code key}, as a key endpoint serves it. */
  public static String publicKeySet(RSAKey key) {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /** The v2 issuer of a CIAM tenant's tokens. */
  public static String ciamIssuer(String tenantId) {
    return "https://" + tenantId + ".ciamlogin.com/" + tenantId + "/v2.0";
  }

  /**
   * The claims of a token issued at about {@code now} for the API app {@code clientId} of tenant
   * {@code tenantId}, valid for an hour.
   */
  public static Map<String, Object> claims(
      String tenantId, String clientId, String issuer, Instant now) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", clientId);
    claims.put("iss", issuer);
    claims.put("iat", Date.from(now.minusSeconds(60)));
    claims.put("nbf", Date.from(now.minusSeconds(60)));
    claims.put("exp", Date.from(now.plusSeconds(3600)));
    claims.put("azp", EVENTS_SERVICE_APP_ID);
    claims.put("tid", tenantId);
    claims.put("ver", "2.0");
    claims.put("oid", "d1e2f3a4-b5c6-4d7e-8f90-1a2b3c4d5e6f");
    claims.put("sub", "d1e2f3a4-b5c6-4d7e-8f90-1a2b3c4d5e6f");
    claims.put("idtyp", "app");
    return claims;
  }

  /** {@code claims} signed RS256 by {@code key}, under its key ID. */
  public static String sign(RSAKey key, Map<String, Object> claims) {
    return sign(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), key, claims);
  }

  /** {@code claims} signed by {@code key} under {@code header}, which may lie about the key. */
  public static String sign(JWSHeader header, RSAKey key, Map<String, Object> claims) {
    try {
      SignedJWT jwt = new SignedJWT(header, toClaims(claims));
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("an RSA key signs", e);
    }
  }

  /** {@code claims} as a claims set, dates as seconds, as a token carries them. */
  public static JWTClaimsSet toClaims(Map<String, Object> claims) {
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
    claims.forEach(builder::claim);
    try {
      return JWTClaimsSet.parse(builder.build().toJSONObject());
    } catch (ParseException e) {
      throw new IllegalStateException("a claims set parses its own JSON", e);
    }
  }
}
