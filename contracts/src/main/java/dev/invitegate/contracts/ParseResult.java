package dev.invitegate.contracts;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The outcome of {@link InvitationEventParser#parse}: a typed event, or every violation found. */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Invalid {

  /** The body is a valid invitation event. */
  record Parsed(InvitationEvent event) implements ParseResult {
    public Parsed {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * The body breaks the contract.
   *
   * @param violations every violation found, in a stable order; never empty
   */
  record Invalid(RejectionCode code, List<Violation> violations) implements ParseResult {
    public Invalid {
      Objects.requireNonNull(code, "code");
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
    }

    /**
     * A one-line summary a human can act on, e.g. {@code data.email: not an email address (missing
     * '@'); time: required}.
     */
    public String description() {
      return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
  }
}
