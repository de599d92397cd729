package io.campusguard.hub.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has outlived its retention from the tables that only grow: the SSE change feed, dead letters, the
 * audit log and security events. Each run logs and counts ({@code cg_retention_pruned_total{table}}) what it
 * deleted. A table whose retention is null is kept whole. At most {@value #BATCH} rows per table per run, so one run
 * never holds a long lock on a table the live path writes to; the next run takes the rest.
 */
public final class RetentionSweep {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);
  static final int BATCH = 50_000;

  /** A table and the column that says how old a row is. */
  private record Table(String name, String timeColumn) {}

  private static final Table CHANGES = new Table("changes", "at");
  private static final Table DEAD_LETTERS = new Table("dead_letters", "received_at");
  private static final Table AUDIT_LOG = new Table("audit_log", "at");
  private static final Table SECURITY_EVENTS = new Table("security_events", "last_at");

  private final Pool pool;
  private final Map<Table, Duration> keep = new LinkedHashMap<>();
  private final Map<Table, Counter> pruned = new LinkedHashMap<>();

  public RetentionSweep(Pool pool, Duration changes, Duration deadLetters, Duration auditLog, Duration securityEvents, MeterRegistry metrics) {
    this.pool = pool;
    put(CHANGES, changes, metrics);
    put(DEAD_LETTERS, deadLetters, metrics);
    put(AUDIT_LOG, auditLog, metrics);
    put(SECURITY_EVENTS, securityEvents, metrics);
  }

  private void put(Table t, Duration retention, MeterRegistry metrics) {
    if (retention != null) {
      keep.put(t, retention);
      pruned.put(t, Counter.builder("cg_retention_pruned_total").tag("table", t.name())
          .description("rows deleted for having outlived their retention").register(metrics));
    }
  }

  /** One run: for each table, rows older than its retention at {@code now}; completes with the count per table. */
  public Future<Map<String, Long>> prune(Instant now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<Table, Duration> e : keep.entrySet()) {
      Table t = e.getKey();
      Instant cutoff = now.minus(e.getValue());
      chain = chain.compose(v -> pool.preparedQuery("DELETE FROM " + t.name() + " WHERE ctid IN (SELECT ctid FROM " + t.name()
              + " WHERE " + t.timeColumn() + " < $1 LIMIT " + BATCH + ")")
          .execute(Tuple.of(SqlTime.odt(cutoff)))
          .map(rows -> {
            counts.put(t.name(), (long) rows.rowCount());
            pruned.get(t).increment(rows.rowCount());
            return null;
          }));
    }
    return chain.map(v -> {
      if (counts.values().stream().anyMatch(n -> n > 0)) {
        LOG.info("retention: deleted {}", counts);
      }
      return counts;
    });
  }
}
