package dev.invitegate.worker.allowlist;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationEvent;
import java.util.Objects;
import java.util.Optional;

/** What one row of an allow-list file came to. */
public sealed interface ImportRow permits ImportRow.Ready, ImportRow.Invalid {

  /** The line the row starts on (the header is line 1). */
  int line();

  /**
   * A valid row: its event, and the body the contract's writer made of it.
   *
   * @param body the CloudEvents JSON, UTF-8, already parsed back to {@code event}
   */
  record Ready(int line, InvitationEvent event, byte[] body) implements ImportRow {
    public Ready {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * A row that is skipped.
   *
   * @param email the row's address, when it is one (to show masked)
   * @param reason what is wrong, naming the column; never repeating an address
   */
  record Invalid(int line, Optional<EmailKey> email, String reason) implements ImportRow {
    public Invalid {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
