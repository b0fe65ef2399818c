package dev.invitegate.contracts;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything known about the invitations of one email address: for each scope, the latest event.
 *
 * <p>Keeping only the latest event per scope, chosen by a total order ({@code time}, then event
 * id), makes projection order-independent: any permutation of any multiset of events yields the
 * same document, so redelivery and out-of-order delivery need no special handling.
 *
 * @param id the email key; the Cosmos document id and partition key
 * @param scopes scope to its latest event; a scope is a lower-case application GUID or {@link
 *     #ALL_APPLICATIONS}. Ordered by scope so equal documents serialise identically.
 */
public record InvitationDocument(EmailKey id, Map<String, ScopeEntry> scopes) {

  /** The scope of events without an {@code applicationId}: every application of the tenant. */
  public static final String ALL_APPLICATIONS = "*";

  public InvitationDocument {
    Objects.requireNonNull(id, "id");
    var copy = new TreeMap<String, ScopeEntry>();
    scopes.forEach(
        (scope, entry) -> {
          if (!ALL_APPLICATIONS.equals(scope) && !Guid.isCanonical(scope)) {
            throw new IllegalArgumentException(
                "scope must be \"*\" or a lower-case application GUID");
          }
          copy.put(scope, Objects.requireNonNull(entry, "scope entry"));
        });
    scopes = Collections.unmodifiableMap(copy);
  }

  /** A document with no events yet: what projection starts from when none is stored. */
  public static InvitationDocument empty(EmailKey id) {
    return new InvitationDocument(id, Map.of());
  }

  /**
   * Folds one event in.
   *
   * @return {@link Projection.Applied} with the new document if the event is newer than what its
   *     scope holds (or the scope is empty); otherwise {@link Projection.Stale}
   * @throws IllegalArgumentException if the event is for another email address
   */
  public Projection project(InvitationEvent event) {
    if (!event.email().equals(id)) {
      throw new IllegalArgumentException("event is for another email address than this document");
    }
    String scope = event.scope();
    ScopeEntry candidate = ScopeEntry.of(event);
    ScopeEntry current = scopes.get(scope);
    if (current != null && !candidate.isNewerThan(current)) {
      return new Projection.Stale();
    }
    var updated = new TreeMap<>(scopes);
    updated.put(scope, candidate);
    return new Projection.Applied(new InvitationDocument(id, updated));
  }

  /**
   * Decides a sign-up: of the entries for the application and for all applications, the newer one
   * decides; it invites if it is a grant that has not expired at {@code now}.
   *
   * @param applicationId the application (client) ID the user signs up to, any case; null or blank
   *     consults only {@link #ALL_APPLICATIONS}
   */
  public InvitationStatus decide(String applicationId, Instant now) {
    Objects.requireNonNull(now, "now");
    Optional<String> scope = decidingScope(applicationId);
    if (scope.isEmpty()) {
      return new InvitationStatus.NotInvited(InvitationStatus.Reason.NO_INVITATION);
    }
    ScopeEntry deciding = scopes.get(scope.get());
    if (!deciding.granted()) {
      return new InvitationStatus.NotInvited(InvitationStatus.Reason.REVOKED);
    }
    if (deciding.isExpiredAt(now)) {
      return new InvitationStatus.NotInvited(InvitationStatus.Reason.EXPIRED);
    }
    return new InvitationStatus.Invited(deciding);
  }

  /**
   * The scope whose entry {@link #decide} reads for a sign-up: of the application's and {@link
   * #ALL_APPLICATIONS}, the one holding the newer event; empty when neither holds one. Tools use it
   * to say which event decided.
   *
   * @param applicationId as for {@link #decide}
   */
  public Optional<String> decidingScope(String applicationId) {
    ScopeEntry forAll = scopes.get(ALL_APPLICATIONS);
    String application =
        applicationId == null || applicationId.isBlank()
            ? null
            : Guid.canonical(applicationId.strip());
    ScopeEntry forApplication = application == null ? null : scopes.get(application);
    if (forApplication == null) {
      return forAll == null ? Optional.empty() : Optional.of(ALL_APPLICATIONS);
    }
    if (forAll == null || forApplication.isNewerThan(forAll)) {
      return Optional.of(application);
    }
    return Optional.of(ALL_APPLICATIONS);
  }
}
