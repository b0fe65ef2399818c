package dev.invitegate.responder.signup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A action with what the audit log needs to explain it.
 *
 * @param reason a short stable token such as {@code invited}, {@code revoked}, {@code no_email}
 * @param storeLatency how long the invitation read took; empty when there was no read
 */
public record SignUpDecision(Action action, String reason, Optional<Duration> storeLatency) {
  public SignUpDecision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(storeLatency, "storeLatency");
  }
}
