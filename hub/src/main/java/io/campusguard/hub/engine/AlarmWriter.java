package io.campusguard.hub.engine;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.hub.alarms.AlarmChange;
import io.campusguard.hub.alarms.AlarmRules;
import io.campusguard.hub.alarms.AlarmSignal;
import io.campusguard.hub.logging.FloodedWarnings;
import io.campusguard.hub.store.AlarmStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds stored events to the alarm engine: the rules say which alarms an event opens or clears, the store applies
 * them exactly once, and all writes for one device go through one queue, so this hub never races itself on a
 * device's alarms (the database's unique index handles other hubs).
 */
public final class AlarmWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmWriter.class);
  // One line per kind and 10 s when they come in floods (a hub stopping under load, the broker gone).
  private final FloodedWarnings warnings = new FloodedWarnings(LOG);

  private final AlarmRules rules;
  private final AlarmStore store;
  private final KeyedSequencer sequencer;
  private final Clock clock;
  private final Consumer<List<AlarmChange>> onChanges;
  private final Set<String> queued = ConcurrentHashMap.newKeySet();

  public AlarmWriter(AlarmRules rules, AlarmStore store, KeyedSequencer sequencer, Clock clock, Consumer<List<AlarmChange>> onChanges) {
    this.rules = rules;
    this.store = store;
    this.sequencer = sequencer;
    this.clock = clock;
    this.onChanges = onChanges;
  }

  /** Applies one newly stored event that {@link AlarmRules#mayRaise may raise}; fails only when the database does. */
  public Future<List<AlarmChange>> apply(EventEnvelope e, Instant hubTs) {
    List<AlarmSignal> signals = rules.signalsFor(e, hubTs);
    queued.add(e.id());
    return sequencer.submit(e.campus() + "/" + e.device(), () -> store.applyEvent(e.id(), signals, clock.instant()))
        .onComplete(done -> queued.remove(e.id()))
        .onSuccess(changes -> {
          if (!changes.isEmpty()) {
            onChanges.accept(changes);
          }
        })
        .onFailure(err -> warnings.warn("alarm update failed", "alarm update for event {} failed; the pending sweep retries it: {}", e.id(), err.toString()));
  }

  /**
   * Whether this hub still has {@code eventId} queued or being applied. The pending sweep leaves such events to
   * this path: under overload the queue runs behind the sweep's grace, and sweeping them too applied each twice
   * (harmless, the store claims each event once, but double the database work exactly when there is none to spare).
   */
  public boolean queued(String eventId) {
    return queued.contains(eventId);
  }

  /** Applies a signal that no event carries (supervision's link decisions), in the same per-key queue. */
  /** A campus heard first by this hub: see {@link AlarmStore#applyFirstHeard}. */
  public Future<List<AlarmChange>> applyFirstHeard(AlarmSignal clear) {
    return sequencer.submit(clear.writerKey(), () -> store.applyFirstHeard(clear.campus(), clear, clock.instant()))
        .onSuccess(onChanges::accept);
  }

  public Future<List<AlarmChange>> applyLink(AlarmSignal signal, boolean lost) {
    return sequencer.submit(signal.writerKey(), () -> store.applyLinkState(signal.campus(), lost, signal, clock.instant()))
        .onSuccess(onChanges::accept);
  }
}
