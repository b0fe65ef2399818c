package dev.invitegate.worker.projection;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import java.util.Optional;

/**
 * The invitation store as the projector needs it: point reads and optimistic, ETag-conditional
 * writes of one document per email. Implementations throw {@link LedgerFailure} only when the store
 * cannot answer; a miss and a lost race are ordinary return values.
 */
public interface InvitationLedger {

  /** The stored document for {@code key}, or empty if there is none. */
  Optional<Versioned<InvitationDocument>> read(EmailKey key);

  /** Creates the document; {@link WriteResult.Conflict} if one with that id already exists. */
  WriteResult create(InvitationDocument document);

  /**
   * Replaces the document only if it still carries {@code etag}; {@link WriteResult.Conflict} if it
   * changed or disappeared since it was read.
   */
  WriteResult replaceIf(InvitationDocument document, String etag);
}
