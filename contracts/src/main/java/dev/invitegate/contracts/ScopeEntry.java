package dev.invitegate.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest event for one scope of an {@link InvitationDocument}: enough to decide a sign-up
 * without reading anything else.
 *
 * @param eventId the CloudEvents id of that event; breaks ties between equal {@code time}s
 * @param granted whether that event was a grant (otherwise a revoke, which carries no details)
 */
public record ScopeEntry(
    String eventId,
    Instant time,
    boolean granted,
    Optional<Instant> expiresAt,
    Map<String, Object> attributes,
    List<String> lockedAttributes,
    List<String> roles) {

  public ScopeEntry {
    Constraints.requireText(eventId, "eventId", Constraints.MAX_ID_LENGTH);
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(expiresAt, "expiresAt");
    attributes = Constraints.attributes(attributes);
    lockedAttributes = Constraints.lockedAttributes(lockedAttributes, attributes);
    roles = Constraints.roles(roles);
    if (!granted
        && (expiresAt.isPresent()
            || !attributes.isEmpty()
            || !lockedAttributes.isEmpty()
            || !roles.isEmpty())) {
      throw new IllegalArgumentException("a revoke carries no expiry, attributes or roles");
    }
  }

  /** The entry an event leaves in its scope. */
  public static ScopeEntry of(InvitationEvent event) {
    return switch (event) {
      case InvitationGranted grant ->
          new ScopeEntry(
              grant.id(),
              grant.time(),
              true,
              grant.expiresAt(),
              grant.attributes(),
              grant.lockedAttributes(),
              grant.roles());
      case InvitationRevoked revoke ->
          new ScopeEntry(
              revoke.id(), revoke.time(), false, Optional.empty(), Map.of(), List.of(), List.of());
    };
  }

  /**
   * Whether this entry's event happened after {@code other}'s: by {@code time}, ties broken by
   * {@code eventId} ({@link String#compareTo}). An entry is never newer than itself, which is what
   * makes a redelivered event stale.
   */
  public boolean isNewerThan(ScopeEntry other) {
    int byTime = time.compareTo(other.time);
    return byTime != 0 ? byTime > 0 : eventId.compareTo(other.eventId) > 0;
  }

  /** Whether a grant no longer admits a sign-up at {@code now}: its expiry is not after now. */
  boolean isExpiredAt(Instant now) {
    return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
  }
}
