package dev.invitegate.responder.entra;

import dev.invitegate.responder.signup.SignUpRequest;
import java.util.Objects;

/**
 * A parsed Entra call.
 *
 * @param tenantId {@code data.tenantId}, lower-case, to be matched with the token's tenant
 */
public record EntraEvent(String tenantId, SignUpRequest request) {
  public EntraEvent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(request, "request");
  }
}
