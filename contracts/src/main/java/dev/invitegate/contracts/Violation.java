package dev.invitegate.contracts;

import java.util.Objects;

/**
 * One way an event body breaks the contract.
 *
 * @param path where, e.g. {@code data.attributes.displayName} or {@code data.lockedAttributes[1]};
 *     {@code $} for the body as a whole
 * @param problem what is wrong, never repeating an email address, e.g. {@code not an email address
 *     (missing '@')}
 */
public record Violation(String path, String problem) {

  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(problem, "problem");
  }

  @Override
  public String toString() {
    return path + ": " + problem;
  }
}
