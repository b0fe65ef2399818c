package dev.invitegate.worker.allowlist;

import dev.invitegate.contracts.Guid;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a row's empty cells stand for, and what every event of a run shares.
 *
 * @param applicationId for an empty {@code applicationId} cell; empty means all applications
 * @param expiresAt for a grant's empty {@code expiresAt} cell; empty means no expiry
 * @param time for an empty {@code time} cell: the event time, stable across runs of one file so
 *     that running it again sends the same events, which change nothing
 * @param source the CloudEvents {@code source} of the events
 */
public record RowDefaults(
    Optional<String> applicationId, Optional<Instant> expiresAt, Instant time, String source) {

  public RowDefaults {
    Objects.requireNonNull(applicationId, "applicationId");
    applicationId.ifPresent(
        id -> {
          if (!Guid.isCanonical(id)) {
            throw new IllegalArgumentException("applicationId must be a lower-case GUID");
          }
        });
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(source, "source");
  }
}
