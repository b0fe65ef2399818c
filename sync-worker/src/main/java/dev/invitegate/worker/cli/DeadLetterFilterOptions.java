package dev.invitegate.worker.cli;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.worker.deadletter.EventType;
import dev.invitegate.worker.deadletter.Selection;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The filters the dead-letter commands share. The reason is the broker's; type and email are read
 * from each message's body by the contract's parser; the times are when the message was enqueued.
 */
final class DeadLetterFilterOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--reason",
      paramLabel = "CODE",
      description =
          "Dead-letter reason, in any letter case: MalformedJson, UnsupportedType, InvalidEvent"
              + " (poison), MaxDeliveryCountExceeded (failed too often), ...")
  String reason;

  @Option(
      names = "--type",
      paramLabel = "granted|revoked",
      description = "The event's type, read from its body.")
  EventType type;

  @Option(
      names = "--email",
      paramLabel = "EMAIL",
      converter = Conversions.EmailConverter.class,
      description =
          "The event's data.email, compared as the contract keys it (trimmed, lower-cased).")
  EmailKey email;

  @Option(
      names = "--since",
      paramLabel = "T",
      converter = Conversions.InstantConverter.class,
      description = "Enqueued at or after T: 2026-03-01T09:30:00Z, or 2026-03-01 (UTC).")
  Instant since;

  @Option(
      names = "--until",
      paramLabel = "T",
      converter = Conversions.InstantConverter.class,
      description = "Enqueued before T.")
  Instant until;

  private Integer max;

  @Option(names = "--max", paramLabel = "N", description = "At most N messages.")
  void max(int value) {
    if (value < 1) {
      throw new ParameterException(mixee.commandLine(), "--max must be at least 1");
    }
    this.max = value;
  }

  /** The selection these options describe. */
  Selection selection() {
    if (since != null && until != null && !since.isBefore(until)) {
      throw new ConfigurationError("--since must be before --until");
    }
    Selection selection = Selection.all();
    if (reason != null) {
      selection = selection.withReason(reason);
    }
    if (type != null) {
      selection = selection.withType(type);
    }
    if (email != null) {
      selection = selection.withEmail(email);
    }
    if (since != null) {
      selection = selection.withSince(since);
    }
    if (until != null) {
      selection = selection.withUntil(until);
    }
    if (max != null) {
      selection = selection.withMax(max);
    }
    return selection;
  }
}
