package dev.invitegate.worker.allowlist;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationStatus;
import dev.invitegate.contracts.ScopeEntry;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The state of one stored entry on its own, at a given time: what a sign-up decided by that entry
 * alone would get. Told by the contract's decision, not by a second reading of the entry.
 */
public enum EntryState {
  INVITED,
  EXPIRED,
  REVOKED;

  /** As written in the {@code state} column and in JSON: {@code invited}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EntryState of(EmailKey email, String scope, ScopeEntry entry, Instant now) {
    InvitationDocument alone = new InvitationDocument(email, Map.of(scope, entry));
    String application = InvitationDocument.ALL_APPLICATIONS.equals(scope) ? null : scope;
    return switch (alone.decide(application, now)) {
      case InvitationStatus.Invited invited -> INVITED;
      case InvitationStatus.NotInvited notInvited ->
          switch (notInvited.reason()) {
            case EXPIRED -> EXPIRED;
            case REVOKED -> REVOKED;
            case NO_INVITATION ->
                throw new IllegalStateException("an entry always decides its own scope");
          };
    };
  }
}
