package io.campusguard.hub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What ingest counts, for {@code /metrics}: every refusal is counted as well as kept. */
public final class IngestCounters {
  final Counter batches;
  final Counter eventsNew;
  final Counter eventsDuplicate;
  final Counter eventsRejected;
  final Counter batchesRejected;
  final Counter campusMismatch;
  final Counter commitFailures;
  final Counter acks;

  public IngestCounters(MeterRegistry registry) {
    batches = registry.counter("cg_ingest_batches_total");
    eventsNew = registry.counter("cg_ingest_events_total", "result", "new");
    eventsDuplicate = registry.counter("cg_ingest_events_total", "result", "duplicate");
    eventsRejected = registry.counter("cg_ingest_events_total", "result", "rejected");
    batchesRejected = registry.counter("cg_ingest_batches_rejected_total");
    campusMismatch = registry.counter("cg_security_events_total", "kind", "campus_mismatch");
    commitFailures = registry.counter("cg_ingest_commit_failures_total");
    acks = registry.counter("cg_ingest_acks_total");
  }

  public double eventsNew() {
    return eventsNew.count();
  }

  public double eventsRejected() {
    return eventsRejected.count();
  }

  public double campusMismatches() {
    return campusMismatch.count();
  }
}
