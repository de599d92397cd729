package io.campusguard.hub.store;

import io.campusguard.hub.alarms.AlarmSignal;
import io.campusguard.hub.alarms.PanicTestWindows;
import io.campusguard.hub.alarms.Quarter;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Test-mode windows and the quarter's test ledger of one-touch alarms. */
public final class PanicTestStore {
  private final Pool pool;

  public PanicTestStore(Pool pool) {
    this.pool = pool;
  }

  /** One button's tests in a quarter: how many presses, and the last. */
  public record LedgerEntry(String campus, String device, int tests, Instant lastTestAt) {}

  /** Opens a window (and writes an audit line); succeeds with the stored window. */
  public Future<PanicTestWindows.Window> open(PanicTestWindows.Window w) {
    return pool.withTransaction(conn -> conn
        .preparedQuery("INSERT INTO panic_test_windows (campus_id, starts_at, ends_at, started_by) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(w.campus(), SqlTime.odt(w.from()), SqlTime.odt(w.until()), w.startedBy()))
        .compose(v -> conn.preparedQuery("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, 'panic_test_mode', $3, $4)")
            .execute(Tuple.of(SqlTime.odt(w.from()), w.startedBy(), "campus/" + w.campus(), "until " + w.until())))
        .map(w));
  }

  /**
   * Ends {@code campus}'s windows that are open at {@code now} there and then (their end moves to {@code now},
   * never before their start), with who ended them and an audit line; succeeds with the windows as now stored,
   * empty when none was open.
   */
  public Future<List<PanicTestWindows.Window>> end(String campus, String actor, Instant now) {
    return pool.withTransaction(conn -> conn
        .preparedQuery("UPDATE panic_test_windows SET ends_at = greatest($3, starts_at + interval '1 microsecond'),"
            + " ended_early_by = $2, ended_early_at = $3 WHERE campus_id = $1 AND starts_at <= $3 AND ends_at > $3"
            + " RETURNING campus_id, starts_at, ends_at, started_by")
        .execute(Tuple.of(campus, actor, SqlTime.odt(now)))
        .compose(rows -> {
          List<PanicTestWindows.Window> ended = windows(rows);
          if (ended.isEmpty()) {
            return Future.succeededFuture(ended);
          }
          return conn.preparedQuery("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, 'panic_test_mode.end', $3, $4)")
              .execute(Tuple.of(SqlTime.odt(now), actor, "campus/" + campus, "ended early at " + now))
              .map(ended);
        }));
  }

  /** The campus's latest window that an operator ended early, with who and when, if any ended after {@code since}. */
  public Future<Optional<EndedEarly>> lastEndedEarly(String campus, Instant since) {
    return pool.preparedQuery("SELECT ended_early_by, ended_early_at FROM panic_test_windows WHERE campus_id = $1"
            + " AND ended_early_at > $2 ORDER BY ended_early_at DESC LIMIT 1")
        .execute(Tuple.of(campus, SqlTime.odt(since)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new EndedEarly(r.getString("ended_early_by"), SqlTime.instant(r, "ended_early_at")));
        });
  }

  /** Who ended a test window early, and when. */
  public record EndedEarly(String by, Instant at) {}

  /** Windows that ended after {@code since}: the ones a press still in flight may be judged by. */
  public Future<List<PanicTestWindows.Window>> windowsEndingAfter(Instant since) {
    return pool.preparedQuery("SELECT campus_id, starts_at, ends_at, started_by FROM panic_test_windows WHERE ends_at > $1")
        .execute(Tuple.of(SqlTime.odt(since))).map(PanicTestStore::windows);
  }

  private static List<PanicTestWindows.Window> windows(Iterable<Row> rows) {
    List<PanicTestWindows.Window> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new PanicTestWindows.Window(r.getString("campus_id"), SqlTime.instant(r, "starts_at"), SqlTime.instant(r, "ends_at"),
          r.getString("started_by")));
    }
    return out;
  }

  /** The quarter's ledger, per button that has been tested. */
  public Future<Map<String, LedgerEntry>> ledger(Quarter quarter, String campus) {
    String sql = "SELECT campus_id, device_id, count(*) AS tests, max(pressed_at) AS last FROM panic_tests WHERE quarter = $1"
        + (campus == null ? "" : " AND campus_id = $2") + " GROUP BY campus_id, device_id";
    Tuple args = campus == null ? Tuple.of(quarter.toString()) : Tuple.of(quarter.toString(), campus);
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      Map<String, LedgerEntry> out = new HashMap<>();
      for (Row r : rows) {
        out.put(r.getString("device_id"),
            new LedgerEntry(r.getString("campus_id"), r.getString("device_id"), r.getLong("tests").intValue(), SqlTime.instant(r, "last")));
      }
      return out;
    });
  }

  /** Records a test press in the caller's transaction; a second record of the same event changes nothing. */
  static Future<Void> record(SqlConnection conn, AlarmSignal s) {
    return conn.preparedQuery("INSERT INTO panic_tests (event_id, campus_id, device_id, pressed_at, quarter) VALUES ($1, $2, $3, $4, $5)"
            + " ON CONFLICT (event_id) DO NOTHING")
        .execute(Tuple.of(UUID.fromString(s.eventId()), s.campus(), s.device(), SqlTime.odt(s.sourceTs()), Quarter.of(s.sourceTs()).toString()))
        .mapEmpty();
  }
}
