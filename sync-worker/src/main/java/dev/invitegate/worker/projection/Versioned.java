package dev.invitegate.worker.projection;

import java.util.Objects;

/**
 * A value as stored, with the version tag (an ETag) a conditional write must present.
 *
 * @param value the stored value
 * @param etag opaque version tag of that value
 */
public record Versioned<T>(T value, String etag) {
  public Versioned {
    Objects.requireNonNull(value, "value");
    if (etag == null || etag.isBlank()) {
      throw new IllegalArgumentException("etag must not be blank");
    }
  }
}
