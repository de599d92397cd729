package io.campusguard.hub.security;

import io.campusguard.devices.DecodedBatch;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.GatewayStatus;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.campusguard.hub.logging.FloodedWarnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches committed batches and accepted status messages for a replayed or substituted gateway stream (issue 8,
 * part 3): a sequence number reused by another event id ({@link OutboxStreams} decides which batches to look up),
 * two outboxes or two gateway sessions for one campus ({@link GatewaySessions}). Every finding goes to the
 * {@link SecurityEventLog}. Runs after the commit ack, so it never delays a commit. Called on the hub's context.
 */
public final class SubstitutionWatch {
  /** Reused numbers reported per batch at most (one is enough to know; a replayed stream could bring thousands). */
  static final int MAX_REPORTED_PER_BATCH = 20;
  private static final Logger LOG = LoggerFactory.getLogger(SubstitutionWatch.class);
  // One line per kind and 10 s when they come in floods (a hub stopping under load, the broker gone).
  private final FloodedWarnings warnings = new FloodedWarnings(LOG);

  private final OutboxStreams streams = new OutboxStreams();
  /** (campus, device) pairs already looked up, the least recently seen forgotten past a county's worth. */
  private final Map<String, Boolean> checkedDevices = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_CHECKED_DEVICES;
    }
  };
  static final int MAX_CHECKED_DEVICES = 200_000;
  private final GatewaySessions sessions;
  private final SecurityEventStore store;
  private final SecurityEventLog log;
  private final Clock clock;

  public SubstitutionWatch(SecurityEventStore store, SecurityEventLog log, GatewaySessions sessions, Clock clock) {
    this.store = store;
    this.log = log;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Checks a batch whose events are committed; completes when its findings are raised. Never fails. */
  public Future<Void> batchCommitted(String campus, DecodedBatch batch) {
    Instant now = clock.instant();
    OutboxStreams.Verdict verdict = streams.screen(campus, batch.outboxId(), batch.events(), now);
    List<Future<Void>> raised = new ArrayList<>();
    raised.add(checkDevices(campus, batch, now));
    verdict.events().forEach(e -> raised.add(log.raise(e)));
    if (verdict.needsLookUp()) {
      Map<Long, String> idBySeq = new HashMap<>();
      for (EventEnvelope e : batch.events()) {
        idBySeq.putIfAbsent(e.seq(), e.id());
      }
      raised.add(store.reusedSequences(campus, batch.outboxId(), verdict.lookUpSeqs(), verdict.batchIds(), verdict.outboxCreated(), MAX_REPORTED_PER_BATCH)
          .compose(reused -> {
            List<Future<Void>> each = new ArrayList<>();
            for (SecurityEventStore.Reused r : reused) {
              each.add(log.raise(OutboxStreams.reused(campus, batch.outboxId(), r.seq(), r.storedId(), idBySeq.get(r.seq()), now)));
            }
            return Future.join(each).<Void>mapEmpty();
          })
          .onFailure(err -> warnings.warn("sequence look-up failed", "security: sequence look-up for batch {} of {} failed: {}", batch.batchId(), campus, err.toString()))
          .otherwiseEmpty());
    }
    return Future.join(raised).<Void>mapEmpty().otherwiseEmpty();
  }

  /**
   * Devices this campus reports for the first time (since this hub started) that another campus has too: a
   * foreign_device event each. A device checked once is not looked up again, so the hot path costs a look-up only
   * for new devices.
   */
  private Future<Void> checkDevices(String campus, DecodedBatch batch, Instant now) {
    java.util.Set<String> fresh = new java.util.TreeSet<>();
    synchronized (checkedDevices) {
      for (EventEnvelope e : batch.events()) {
        if (checkedDevices.put(campus + '\u0000' + e.device(), Boolean.TRUE) == null) {
          fresh.add(e.device());
        }
      }
    }
    if (fresh.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.elsewhere(campus, fresh).compose(found -> {
      List<Future<Void>> each = new ArrayList<>();
      found.forEach((device, owner) -> {
        warnings.warn("foreign device", "security: campus {} reported device {}, which campus {} has too", campus, device, owner);
        each.add(log.raise(SecurityEvent.foreignDevice(campus, device, owner, now)));
      });
      return Future.join(each).<Void>mapEmpty();
    }).onFailure(err -> {
      synchronized (checkedDevices) {
        fresh.forEach(d -> checkedDevices.remove(campus + '\u0000' + d)); // looked up again with the next batch
      }
      warnings.warn("device look-up failed", "security: device look-up for batch {} of {} failed: {}", batch.batchId(), campus, err.toString());
    }).otherwiseEmpty();
  }

  /** Checks a status message the hub accepted (its campus matches its topic). */
  public Future<Void> statusAccepted(GatewayStatus status) {
    return sessions.observe(status.campus(), status.health().bootId(), status.health().state(), clock.instant())
        .map(log::raise)
        .orElse(Future.succeededFuture());
  }
}
