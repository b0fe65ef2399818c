package dev.invitegate.worker.deadletter;

import dev.invitegate.contracts.InvitationEvent;
import java.util.Locale;
import java.util.Optional;

/** The two kinds of invitation event, as operators name them on the command line. */
public enum EventType {
  GRANTED(InvitationEvent.TYPE_GRANTED),
  REVOKED(InvitationEvent.TYPE_REVOKED);

  private final String cloudEventsType;

  EventType(String cloudEventsType) {
    this.cloudEventsType = cloudEventsType;
  }

  /** The CloudEvents {@code type}, e.g. {@code dev.invitegate.invitation.granted}. */
  public String cloudEventsType() {
    return cloudEventsType;
  }

  /** The kind a CloudEvents {@code type} names, if it is one of the two. */
  public static Optional<EventType> of(String cloudEventsType) {
    for (EventType type : values()) {
      if (type.cloudEventsType.equals(cloudEventsType)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** {@code granted} or {@code revoked}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
