package dev.invitegate.responder.entra;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.invitegate.contracts.Guid;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The claims a token of Entra's authentication events service carries for this tenant: issuer,
 * audience, authorized party, tenant, then nimbus's own lifetime check with the policy's skew. A
 * refusal says which rule failed, as a short stable reason for logs and metrics.
 */
final class EntraClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

  /** A refused token and why; the reason never quotes token content. */
  static final class Refused extends BadJWTException {
    private final String reason;

    Refused(String reason) {
      super(reason);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  private final TokenPolicy policy;
  private final Clock clock;

  EntraClaimsVerifier(TokenPolicy policy, Clock clock) {
    super(null, null, Set.of("exp"), null);
    setMaxClockSkew(Math.toIntExact(policy.clockSkew().toSeconds()));
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
    if (claims.getIssuer() == null || !policy.issuers().contains(claims.getIssuer())) {
      throw new Refused("wrong_issuer");
    }
    List<String> audience = claims.getAudience();
    if (audience.size() != 1 || !policy.clientId().equalsIgnoreCase(audience.getFirst())) {
      throw new Refused("wrong_audience");
    }
    String version = text(claims, "ver");
    String partyClaim = "2.0".equals(version) ? "azp" : "1.0".equals(version) ? "appid" : null;
    if (partyClaim == null) {
      throw new Refused("unsupported_token_version");
    }
    if (!TokenPolicy.AUTHENTICATION_EVENTS_APP_ID.equalsIgnoreCase(text(claims, partyClaim))) {
      throw new Refused("wrong_authorized_party");
    }
    String tenant = text(claims, "tid");
    if (tenant == null || !policy.tenantId().equals(Guid.canonical(tenant))) {
      throw new Refused("wrong_tenant");
    }
    if (claims.getExpirationTime() == null) {
      throw new Refused("expired");
    }
    try {
      super.verify(claims, context);
    } catch (ExpiredJWTException e) {
      throw new Refused("expired");
    } catch (BadJWTException e) {
      // With exp present and required, only the not-before check is left to fail.
      throw new Refused("not_yet_valid");
    }
  }

  @Override
  protected Date currentTime() {
    return Date.from(clock.instant());
  }

  private static String text(JWTClaimsSet claims, String name) throws Refused {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      throw new Refused("malformed_token");
    }
  }
}
