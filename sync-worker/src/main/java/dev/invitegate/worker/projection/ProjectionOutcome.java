package dev.invitegate.worker.projection;

import dev.invitegate.contracts.InvitationEvent;
import java.util.Objects;

/** Everything projecting one message can end in; settlement maps each to what Service Bus does. */
public sealed interface ProjectionOutcome {

  /** The event changed the stored document. */
  record Applied(InvitationEvent event) implements ProjectionOutcome {
    public Applied {
      Objects.requireNonNull(event, "event");
    }
  }

  /** The stored document already reflects this event or a newer one: nothing to write. */
  record Stale(InvitationEvent event) implements ProjectionOutcome {
    public Stale {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * The message can never be projected: not JSON, an unknown type or invalid fields.
   *
   * @param code short stable code, e.g. {@code InvalidEvent}
   * @param description which field is wrong and how, for a human to act on
   */
  record Poison(String code, String description) implements ProjectionOutcome {
    public Poison {
      if (code == null || code.isBlank()) {
        throw new IllegalArgumentException("code must not be blank");
      }
      Objects.requireNonNull(description, "description");
    }
  }

  /** Trying again later may succeed (throttling, timeouts, lost races beyond the retry budget). */
  record Transient(InvitationEvent event, String reason, Throwable cause)
      implements ProjectionOutcome {
    public Transient {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** No message can succeed until an operator fixes the configuration. */
  record Fatal(String reason, Throwable cause) implements ProjectionOutcome {
    public Fatal {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
