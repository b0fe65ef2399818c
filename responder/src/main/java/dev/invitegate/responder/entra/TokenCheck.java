package dev.invitegate.responder.entra;

import java.util.Objects;

/** The outcome of checking a call's bearer token. */
public sealed interface TokenCheck {

  /** A valid token of Entra's authentication events service for {@code tenantId}. */
  record Accepted(String tenantId) implements TokenCheck {
    public Accepted {
      Objects.requireNonNull(tenantId, "tenantId");
    }
  }

  /** Refused; {@code reason} is a short stable token for logs and metrics, never token content. */
  record Refused(String reason) implements TokenCheck {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
