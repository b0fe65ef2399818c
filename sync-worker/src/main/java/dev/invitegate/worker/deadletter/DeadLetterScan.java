package dev.invitegate.worker.deadletter;

import dev.invitegate.contracts.InvitationEventParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Looks through the dead-letter queue by peeking, which never locks or consumes a message, and
 * picks the messages a {@link Selection} names.
 */
public final class DeadLetterScan {

  /** Messages per peek request. */
  static final int PAGE = 100;

  private final DeadLetterQueue queue;
  private final InvitationEventParser parser;

  public DeadLetterScan(DeadLetterQueue queue, InvitationEventParser parser) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /** What a scan saw: how many messages it peeked, and which asked-for ones were not there. */
  public record Result(long peeked, List<Long> missing) {
    public Result {
      missing = List.copyOf(missing);
    }
  }

  /**
   * Calls {@code each} for every message {@code selection} matches, in sequence order, until its
   * {@code max}; {@code each} may stop the scan early by returning false.
   */
  public Result forEach(Selection selection, Visitor each) {
    long peeked = 0;
    int matched = 0;
    int max = selection.max().orElse(Integer.MAX_VALUE);
    List<Long> missing = new ArrayList<>();
    if (!selection.sequenceNumbers().isEmpty()) {
      // Asked for by number: one peek each, not a walk through the whole queue.
      for (long wanted : selection.sequenceNumbers()) {
        if (matched >= max) {
          break;
        }
        List<DeadLetter> found = queue.peek(wanted, 1);
        peeked += found.size();
        if (found.isEmpty() || found.getFirst().sequenceNumber() != wanted) {
          missing.add(wanted);
          continue;
        }
        Candidate candidate = candidate(found.getFirst());
        if (selection.matches(candidate.message(), candidate.event())) {
          matched++;
          if (!each.visit(candidate)) {
            break;
          }
        }
      }
      return new Result(peeked, missing);
    }
    long from = 0;
    while (matched < max) {
      List<DeadLetter> page = queue.peek(from, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (DeadLetter message : page) {
        peeked++;
        from = Math.max(from, message.sequenceNumber() + 1);
        Candidate candidate = candidate(message);
        if (matched < max && selection.matches(message, candidate.event())) {
          matched++;
          if (!each.visit(candidate)) {
            return new Result(peeked, missing);
          }
        }
      }
    }
    return new Result(peeked, missing);
  }

  /**
   * The plan of a replay or purge: the selected messages, less those replayed {@code maxReplays}
   * times already (skipped; they do not count towards the selection's max).
   */
  public Plan plan(Selection selection, long maxReplays) {
    List<Candidate> targets = new ArrayList<>();
    List<Candidate> skipped = new ArrayList<>();
    int max = selection.max().orElse(Integer.MAX_VALUE);
    Result result =
        forEach(
            selection.withoutMax(),
            candidate -> {
              if (candidate.message().replayCount() >= maxReplays) {
                skipped.add(candidate);
              } else {
                targets.add(candidate);
              }
              return targets.size() < max;
            });
    return new Plan(targets, skipped, result.missing(), result.peeked());
  }

  /** Reads one peeked message's body. */
  public Candidate candidate(DeadLetter message) {
    return new Candidate(message, DeadLetteredEvent.read(message.body(), parser));
  }

  /** Receives each selected message of a scan; false stops the scan. */
  @FunctionalInterface
  public interface Visitor {
    boolean visit(Candidate candidate);
  }

  /** Convenience for visitors that never stop early. */
  public static Visitor all(Consumer<Candidate> each) {
    return candidate -> {
      each.accept(candidate);
      return true;
    };
  }
}
