package dev.invitegate.responder;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.responder.signup.InvitationLookup;
import dev.invitegate.responder.signup.LookupResult;
import java.time.Duration;

/**
 * The invitation lookup while the Cosmos client is still being built: the web server starts before
 * it, and a call that arrives in between fails closed ("temporarily unavailable").
 */
final class StartingLookup implements InvitationLookup {

  private volatile InvitationLookup target;

  void connected(InvitationLookup lookup) {
    target = lookup;
  }

  @Override
  public LookupResult find(EmailKey email, Duration budget) {
    InvitationLookup current = target;
    return current != null
        ? current.find(email, budget)
        : new LookupResult.Failed(
            LookupResult.Failure.UNAVAILABLE, "the Cosmos client is starting", Duration.ZERO);
  }
}
