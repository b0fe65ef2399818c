package dev.invitegate.worker.settlement;

import static dev.invitegate.runtime.logging.LogValues.field;

import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.runtime.logging.EmailHasher;
import dev.invitegate.worker.projection.InvitationProjector;
import dev.invitegate.worker.projection.ProjectionOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one received message end to end: project it, settle it as {@link SettlementPolicy}
 * decides, count it and log it (event id and hashed email, never the address). Called concurrently
 * by the Service Bus adapter, once per message.
 */
public final class MessageHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

  private final InvitationProjector projector;
  private final SettlementPolicy policy;
  private final WorkerMetrics metrics;
  private final EmailHasher emailHasher;
  private final FatalErrorListener fatalErrors;
  private final Clock clock;
  private final CountDownLatch stopping = new CountDownLatch(1);

  public MessageHandler(
      InvitationProjector projector,
      SettlementPolicy policy,
      WorkerMetrics metrics,
      EmailHasher emailHasher,
      FatalErrorListener fatalErrors,
      Clock clock) {
    this.projector = Objects.requireNonNull(projector, "projector");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.emailHasher = Objects.requireNonNull(emailHasher, "emailHasher");
    this.fatalErrors = Objects.requireNonNull(fatalErrors, "fatalErrors");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * From now on, messages that arrive are given back untouched and backoff waits end early, so
   * shutdown is bounded by one projection rather than by a backoff.
   */
  public void beginShutdown() {
    stopping.countDown();
  }

  public void handle(ReceivedMessage message) {
    if (stopping.getCount() == 0) {
      settleQuietly(message, new Settlement.Abandon(Duration.ZERO), "shutdown");
      return;
    }
    Instant started = clock.instant();
    ProjectionOutcome outcome = projector.project(message.body());
    Instant projected = clock.instant();
    Duration projectionTime = Duration.between(started, projected);
    Settlement settlement = policy.decide(outcome, message.deliveryCount());
    log(message, outcome, settlement, projectionTime);
    switch (settlement) {
      case Settlement.Complete complete -> {
        if (settleQuietly(message, complete, null)) {
          if (outcome instanceof ProjectionOutcome.Applied) {
            metrics.applied(
                projectionTime,
                message
                    .enqueuedTime()
                    .map(enqueued -> Duration.between(enqueued, clock.instant())));
          } else {
            metrics.stale(projectionTime);
          }
        }
      }
      case Settlement.DeadLetter deadLetter -> {
        if (settleQuietly(message, deadLetter, null)) {
          metrics.deadLettered(deadLetter.reason());
        }
      }
      case Settlement.Abandon abandon -> {
        awaitBackoff(abandon.backoff());
        settleQuietly(message, abandon, "transient");
      }
      case Settlement.AbandonAndStop stop -> {
        settleQuietly(message, new Settlement.Abandon(Duration.ZERO), "fatal");
        fatalErrors.fatal(
            stop.reason(), outcome instanceof ProjectionOutcome.Fatal fatal ? fatal.cause() : null);
      }
    }
  }

  private void awaitBackoff(Duration backoff) {
    try {
      stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean settleQuietly(
      ReceivedMessage message, Settlement settlement, String abandonCause) {
    try {
      switch (settlement) {
        case Settlement.Complete complete -> message.complete();
        case Settlement.DeadLetter deadLetter ->
            message.deadLetter(deadLetter.reason(), deadLetter.description());
        case Settlement.Abandon abandon -> message.abandon();
        case Settlement.AbandonAndStop stop -> message.abandon();
      }
      if (abandonCause != null) {
        metrics.abandoned(abandonCause);
      }
      return true;
    } catch (RuntimeException e) {
      // Typically a lost lock: the message comes back later and projecting it again is harmless.
      metrics.settlementFailed();
      LOG.warn(
          "event=settlement_failed messageId={} settlement={} error={}",
          field(message.messageId()),
          settlement.getClass().getSimpleName(),
          field(e.toString()));
      return false;
    }
  }

  private void log(
      ReceivedMessage message,
      ProjectionOutcome outcome,
      Settlement settlement,
      Duration projectionTime) {
    long micros = projectionTime.toNanos() / 1_000;
    switch (outcome) {
      case ProjectionOutcome.Applied applied -> debug("applied", message, applied.event(), micros);
      case ProjectionOutcome.Stale stale -> debug("stale", message, stale.event(), micros);
      case ProjectionOutcome.Poison poison ->
          LOG.warn(
              "event=dead_lettered messageId={} reason={} description={}",
              field(message.messageId()),
              field(poison.code()),
              field(((Settlement.DeadLetter) settlement).description()));
      case ProjectionOutcome.Transient failure ->
          LOG.warn(
              "event=abandoned {} deliveryCount={} backoffMillis={} cause={}",
              describe(message, failure.event()),
              message.deliveryCount(),
              ((Settlement.Abandon) settlement).backoff().toMillis(),
              field(failure.reason()));
      case ProjectionOutcome.Fatal fatal ->
          LOG.error(
              "event=fatal messageId={} cause={}",
              field(message.messageId()),
              field(fatal.reason()));
    }
  }

  /** Most events end here: one debug line each, the email hashed only when the line is written. */
  private void debug(String kind, ReceivedMessage message, InvitationEvent event, long micros) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "event={} {} deliveryCount={} projectionMicros={}",
          kind,
          describe(message, event),
          message.deliveryCount(),
          micros);
    }
  }

  private String describe(ReceivedMessage message, InvitationEvent event) {
    return "messageId="
        + field(message.messageId())
        + " eventId="
        + field(event.id())
        + " emailHash="
        + emailHasher.hash(event.email())
        + " scope="
        + event.applicationId().orElse("*");
  }
}
