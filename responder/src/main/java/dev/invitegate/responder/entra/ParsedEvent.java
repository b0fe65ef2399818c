package dev.invitegate.responder.entra;

import java.util.Objects;

/** The outcome of parsing a request body. */
public sealed interface ParsedEvent {

  record Parsed(EntraEvent event) implements ParsedEvent {
    public Parsed {
      Objects.requireNonNull(event, "event");
    }
  }

  /** The body is not an event the gate can answer; {@code detail} never quotes user data. */
  record Unusable(Problem problem, String detail) implements ParsedEvent {
    public Unusable {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(detail, "detail");
    }
  }

  enum Problem {
    MALFORMED,
    UNSUPPORTED_TYPE
  }
}
