package dev.invitegate.responder.signup;

import dev.invitegate.contracts.InvitationDocument;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The outcome of one invitation read: a document or its absence, or a failure to know. */
public sealed interface LookupResult {

  /** How long the store took to answer or to fail. */
  Duration latency();

  /** The store answered; empty means it holds no document for the email. */
  record Read(Optional<InvitationDocument> document, Duration latency) implements LookupResult {
    public Read {
      Objects.requireNonNull(document, "document");
      Objects.requireNonNull(latency, "latency");
    }
  }

  /** The store did not answer in time or answered with an error; the gate fails closed. */
  record Failed(Failure failure, String detail, Duration latency) implements LookupResult {
    public Failed {
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(latency, "latency");
    }
  }

  /** Why a read failed. */
  enum Failure {
    TIMEOUT("store_timeout"),
    THROTTLED("store_throttled"),
    UNAVAILABLE("store_unavailable"),
    /** Not read at all: too many reads already in flight (see {@link ReadAdmission}). */
    OVERLOADED("overloaded");

    private final String reason;

    Failure(String reason) {
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }
}
