package dev.invitegate.responder.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
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
import java.util.function.UnaryOperator;

/** Mints tokens the way Entra's authentication events service would, and attacks on them. */
public final class TestTokens {

  public static final String TENANT = "4f1c2a9e-7b3d-4e8a-9c61-2d5b7e0f3a18";
  public static final String CLIENT_ID = "6b0f2e4d-8c1a-4e3b-9d75-0a2c4e6f8b13";
  public static final String CIAM_ISSUER =
      "https://" + TENANT + ".ciamlogin.com/" + TENANT + "/v2.0";
  public static final String WORKFORCE_ISSUER =
      "https://login.microsoftonline.com/" + TENANT + "/v2.0";

  private final RSAKey key;

  public TestTokens(String keyId) {
    this.key = generate(keyId);
  }

  public static RSAKey generate(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public RSAKey key() {
    return key;
  }

  /** The public JWK set that holds this key. */
  public String jwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /** The claims of vector 11, with the lifetime around {@code now}. */
  public static Map<String, Object> validClaims(Instant now) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", CLIENT_ID);
    claims.put("iss", CIAM_ISSUER);
    claims.put("iat", Date.from(now.minusSeconds(60)));
    claims.put("nbf", Date.from(now.minusSeconds(60)));
    claims.put("exp", Date.from(now.plusSeconds(3600)));
    claims.put("azp", TokenPolicy.AUTHENTICATION_EVENTS_APP_ID);
    claims.put("tid", TENANT);
    claims.put("ver", "2.0");
    claims.put("oid", "d1e2f3a4-b5c6-4d7e-8f90-1a2b3c4d5e6f");
    claims.put("sub", "d1e2f3a4-b5c6-4d7e-8f90-1a2b3c4d5e6f");
    claims.put("idtyp", "app");
    return claims;
  }

  public String mint(Instant now) {
    return mint(now, claims -> claims);
  }

  public String mint(Instant now, UnaryOperator<Map<String, Object>> change) {
    return sign(key, change.apply(validClaims(now)));
  }

  public static String sign(RSAKey key, Map<String, Object> claims) {
    return sign(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), key, claims);
  }

  public static String sign(JWSHeader header, RSAKey key, Map<String, Object> claims) {
    try {
      JWSSigner signer = new RSASSASigner(key);
      SignedJWT jwt = new SignedJWT(header, toClaims(claims));
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JWTClaimsSet toClaims(Map<String, Object> claims) {
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
    claims.forEach(builder::claim);
    try {
      return JWTClaimsSet.parse(builder.build().toJSONObject());
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }
}
