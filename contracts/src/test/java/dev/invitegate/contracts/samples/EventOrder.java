package dev.invitegate.contracts.samples;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.ScopeEntry;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The test model of projection, written once for every module's tests: events are ordered by {@code
 * (time, id)}, and each scope of a document holds the greatest event of its scope, however the
 * events arrived.
 */
public final class EventOrder {

  /** The total order of events: by time, ties broken by id. */
  public static final Comparator<InvitationEvent> BY_TIME_THEN_ID =
      Comparator.comparing(InvitationEvent::time).thenComparing(InvitationEvent::id);

  private EventOrder() {}

  /** The document {@code email}'s events must project to, in whatever order they come. */
  public static InvitationDocument latestPerScope(
      EmailKey email, Collection<? extends InvitationEvent> events) {
    Map<String, InvitationEvent> latest = new HashMap<>();
    for (InvitationEvent event : events) {
      if (event.email().equals(email)) {
        latest.merge(event.scope(), event, (a, b) -> BY_TIME_THEN_ID.compare(a, b) >= 0 ? a : b);
      }
    }
    Map<String, ScopeEntry> scopes = new HashMap<>();
    latest.forEach((scope, event) -> scopes.put(scope, ScopeEntry.of(event)));
    return new InvitationDocument(email, scopes);
  }
}
