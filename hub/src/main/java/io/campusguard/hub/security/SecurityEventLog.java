package io.campusguard.hub.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a detected security event goes: counted in {@value #METER}{@code {kind}} (every occurrence), stored (one row
 * per evidence, see {@link SecurityEventStore}) and logged at WARN the first time its evidence is stored (repeats at
 * DEBUG, so two gateways taking turns do not flood the log). Never fails: a store failure is logged at WARN.
 */
public final class SecurityEventLog {
  /** Ingest counts campus mismatches in it too, under kind {@code campus_mismatch}, as it refuses them (see {@link #keep}). */
  public static final String METER = "cg_security_events_total";
  private static final Logger LOG = LoggerFactory.getLogger(SecurityEventLog.class);

  private final SecurityEventStore store;
  private final Map<SecurityEventKind, Counter> counters = new EnumMap<>(SecurityEventKind.class);

  public SecurityEventLog(SecurityEventStore store, MeterRegistry registry) {
    this.store = store;
    // Registered up front so every kind shows in /metrics at 0, and an alert can watch the rate from the start.
    for (SecurityEventKind kind : SecurityEventKind.values()) {
      counters.put(kind, registry.counter(METER, "kind", kind.wireName()));
    }
  }

  /** Counts, stores and logs the event; completes when it is stored (or its storing failed and was logged). */
  public Future<Void> raise(SecurityEvent e) {
    counters.get(e.kind()).increment();
    return keep(e);
  }

  /**
   * Stores and logs an event whose detector counted it in {@value #METER} already: ingest counts a campus mismatch
   * when it refuses the batch, stored or not. Completes when it is stored (or its storing failed and was logged).
   */
  public Future<Void> keep(SecurityEvent e) {
    return store.record(e)
        .onSuccess(isNew -> {
          if (isNew) {
            LOG.warn("security: {} ({}): {}", label(e.kind()), e.kind().wireName(), e.detail());
          } else {
            LOG.debug("security: {} seen again: {}", e.kind().wireName(), e.detail());
          }
        })
        .onFailure(err -> LOG.warn("security: {} ({}): {} (not stored: {})", label(e.kind()), e.kind().wireName(), e.detail(),
            err.toString()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** Occurrences of this kind counted by this hub so far. */
  public double count(SecurityEventKind kind) {
    return counters.get(kind).count();
  }

  private static String label(SecurityEventKind kind) {
    return kind == SecurityEventKind.CAMPUS_MISMATCH ? "publishing as another campus" : "possible substitution";
  }
}
