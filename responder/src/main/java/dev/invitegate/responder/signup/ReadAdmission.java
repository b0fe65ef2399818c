package dev.invitegate.responder.signup;

import dev.invitegate.contracts.EmailKey;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * Admission control in front of the invitation read: at most a fixed number of reads in flight, and
 * a call beyond that is refused at once (the gate then fails closed, "temporarily unavailable")
 * instead of queueing. Under overload, queued calls all miss the deadline together, each having
 * spent the CPU a timely one needed; refused calls cost almost nothing and answer within it.
 */
public final class ReadAdmission implements InvitationLookup {

  private final InvitationLookup lookup;
  private final Semaphore permits;
  private final int maxInFlight;

  public ReadAdmission(InvitationLookup lookup, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.permits = new Semaphore(maxInFlight);
    this.maxInFlight = maxInFlight;
  }

  @Override
  public LookupResult find(EmailKey email, Duration budget) {
    if (!permits.tryAcquire()) {
      return new LookupResult.Failed(
          LookupResult.Failure.OVERLOADED, maxInFlight + " reads already in flight", Duration.ZERO);
    }
    try {
      return lookup.find(email, budget);
    } finally {
      permits.release();
    }
  }

  /** Reads in flight now, for metrics and tests. */
  public int inFlight() {
    return maxInFlight - permits.availablePermits();
  }
}
