package dev.invitegate.contracts;

import java.util.Objects;

/** Whether an email address may sign up to an application, and on what terms. */
public sealed interface InvitationStatus
    permits InvitationStatus.Invited, InvitationStatus.NotInvited {

  /** The decision when there is no document for the address at all. */
  static InvitationStatus noDocument() {
    return new NotInvited(Reason.NO_INVITATION);
  }

  /**
   * Invited.
   *
   * @param grant the deciding grant: its attributes, locked attributes and roles apply
   */
  record Invited(ScopeEntry grant) implements InvitationStatus {
    public Invited {
      Objects.requireNonNull(grant, "grant");
      if (!grant.granted()) {
        throw new IllegalArgumentException("only a grant can invite");
      }
    }
  }

  /** Not invited, and why. */
  record NotInvited(Reason reason) implements InvitationStatus {
    public NotInvited {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why an address is not invited. */
  enum Reason {
    /** No event was ever received for the application or for all applications. */
    NO_INVITATION,
    /** The deciding event is a revoke. */
    REVOKED,
    /** The deciding event is a grant whose expiry has passed. */
    EXPIRED
  }
}
