package dev.invitegate.responder.entra;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.invitegate.local.entra.EntraTokens;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Mints tokens the way Entra's authentication events service would (through the local system's
 * {@link EntraTokens}, the one place that knows their shape), and attacks on them.
 */
public final class TestTokens {

  public static final String TENANT = "4f1c2a9e-7b3d-4e8a-9c61-2d5b7e0f3a18";
  public static final String CLIENT_ID = "6b0f2e4d-8c1a-4e3b-9d75-0a2c4e6f8b13";
  public static final String CIAM_ISSUER = EntraTokens.ciamIssuer(TENANT);
  public static final String WORKFORCE_ISSUER =
      "https://login.microsoftonline.com/" + TENANT + "/v2.0";

  private final RSAKey key;

  public TestTokens(String keyId) {
    this.key = generate(keyId);
  }

  public static RSAKey generate(String keyId) {
    return EntraTokens.newKey(keyId);
  }

  public RSAKey key() {
    return key;
  }

  /** The public JWK set that holds this key. */
  public String jwks() {
    return EntraTokens.publicKeySet(key);
  }

  /** The claims of vector 11, with the lifetime around {@code now}. */
  public static Map<String, Object> validClaims(Instant now) {
    return EntraTokens.claims(TENANT, CLIENT_ID, CIAM_ISSUER, now);
  }

  public String mint(Instant now) {
    return mint(now, claims -> claims);
  }

  public String mint(Instant now, UnaryOperator<Map<String, Object>> change) {
    return sign(key, change.apply(validClaims(now)));
  }

  public static String sign(RSAKey key, Map<String, Object> claims) {
    return EntraTokens.sign(key, claims);
  }

  public static String sign(JWSHeader header, RSAKey key, Map<String, Object> claims) {
    return EntraTokens.sign(header, key, claims);
  }

  public static JWTClaimsSet toClaims(Map<String, Object> claims) {
    return EntraTokens.toClaims(claims);
  }
}
