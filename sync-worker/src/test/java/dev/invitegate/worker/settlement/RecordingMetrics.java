package dev.invitegate.worker.settlement;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link WorkerMetrics} that writes down each call, in order, as a short line. */
final class RecordingMetrics implements WorkerMetrics {

  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void applied(Duration projectionTime, Optional<Duration> enqueueToApplied) {
    events.add("applied lag=" + enqueueToApplied.map(Duration::toString).orElse("none"));
  }

  @Override
  public void stale(Duration projectionTime) {
    events.add("stale");
  }

  @Override
  public void deadLettered(String reason) {
    events.add("deadLettered " + reason);
  }

  @Override
  public void abandoned(String cause) {
    events.add("abandoned " + cause);
  }

  @Override
  public void settlementFailed() {
    events.add("settlementFailed");
  }
}
