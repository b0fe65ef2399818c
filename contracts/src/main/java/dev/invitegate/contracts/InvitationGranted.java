package dev.invitegate.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An email address is invited to one application or, without {@code applicationId}, to all.
 *
 * @param expiresAt after this instant the invitation no longer admits a sign-up
 * @param attributes Entra attribute name to invited value, prefilled at sign-up; values are {@link
 *     String}, {@link Long} or {@link Boolean} (Entra's string, int64 and boolean)
 * @param lockedAttributes names from {@code attributes} whose invited value is enforced when the
 *     sign-up form is submitted
 * @param roles application roles the invitation carries; they must fit in Entra's token claims (at
 *     most 2,900 bytes as a compact JSON array)
 */
public record InvitationGranted(
    String id,
    String source,
    Instant time,
    EmailKey email,
    Optional<String> applicationId,
    Optional<Instant> expiresAt,
    Map<String, Object> attributes,
    List<String> lockedAttributes,
    List<String> roles)
    implements InvitationEvent {

  public InvitationGranted {
    Constraints.requireText(id, "id", Constraints.MAX_ID_LENGTH);
    Constraints.requireText(source, "source", Integer.MAX_VALUE);
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(email, "email");
    applicationId.ifPresent(Constraints::requireApplicationId);
    Objects.requireNonNull(expiresAt, "expiresAt");
    attributes = Constraints.attributes(attributes);
    lockedAttributes = Constraints.lockedAttributes(lockedAttributes, attributes);
    roles = Constraints.grantedRoles(roles);
  }

  @Override
  public String type() {
    return TYPE_GRANTED;
  }
}
