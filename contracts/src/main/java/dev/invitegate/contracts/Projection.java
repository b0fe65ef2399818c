package dev.invitegate.contracts;

import java.util.Objects;

/** What projecting one event into a document did. */
public sealed interface Projection permits Projection.Applied, Projection.Stale {

  /** The event was the newest for its scope; {@code document} is the document to store. */
  record Applied(InvitationDocument document) implements Projection {
    public Applied {
      Objects.requireNonNull(document, "document");
    }
  }

  /** The document already holds this event or a newer one for its scope; nothing to store. */
  record Stale() implements Projection {}
}
