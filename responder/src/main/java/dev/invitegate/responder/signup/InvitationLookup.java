package dev.invitegate.responder.signup;

import dev.invitegate.contracts.EmailKey;
import java.time.Duration;

/** Reads the invitation document of one email. */
public interface InvitationLookup {

  /**
   * Reads the document stored for {@code email}.
   *
   * <p>Implementations must return within {@code budget} (plus scheduling noise) whatever the store
   * does, reporting a slow or failing store as {@link LookupResult.Failed}, never by throwing.
   */
  LookupResult find(EmailKey email, Duration budget);
}
