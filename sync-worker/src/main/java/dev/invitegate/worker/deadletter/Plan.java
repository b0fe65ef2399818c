package dev.invitegate.worker.deadletter;

import java.util.List;

/**
 * What a replay or purge will work on, chosen by peeking (nothing locked, nothing moved).
 *
 * @param targets the selected messages, in sequence order
 * @param skipped selected, but replayed as many times as allowed already
 * @param missing sequence numbers asked for that the dead-letter queue does not hold
 * @param peeked how many messages were looked at
 */
public record Plan(
    List<Candidate> targets, List<Candidate> skipped, List<Long> missing, long peeked) {

  public Plan {
    targets = List.copyOf(targets);
    skipped = List.copyOf(skipped);
    missing = List.copyOf(missing);
  }
}
