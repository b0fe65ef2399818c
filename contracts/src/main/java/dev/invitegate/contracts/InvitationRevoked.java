package dev.invitegate.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An email address is no longer invited to one application or, without {@code applicationId}, to
 * any.
 */
public record InvitationRevoked(
    String id, String source, Instant time, EmailKey email, Optional<String> applicationId)
    implements InvitationEvent {

  public InvitationRevoked {
    Constraints.requireText(id, "id", Constraints.MAX_ID_LENGTH);
    Constraints.requireText(source, "source", Integer.MAX_VALUE);
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(email, "email");
    applicationId.ifPresent(Constraints::requireApplicationId);
  }

  @Override
  public String type() {
    return TYPE_REVOKED;
  }
}
