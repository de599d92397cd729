package io.campusguard.hub.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that happened on one campus, newest first, a page at a time: every alarm state change with who made
 * it (link lost and restored are the link-lost alarm's opening and its resolution by the hub; gas, cold store,
 * camera and device alarms arrive this way too), the panic presses themselves (a test press raises no alarm, so
 * only its event tells of it), and test windows opened and ended early. Left out as noise: telemetry, heartbeats,
 * and an active alarm's repeats (a camera that keeps reporting "offline"; its count is on the alarm).
 * Pages are keyed by (time, ref), so an entry never shows on two pages and none is skipped when new ones arrive.
 */
public final class CampusTimelineStore {
  public static final int MAX_LIMIT = 200;

  // ref makes the order total when several entries share a time; "C" collation so it sorts the same everywhere.
  private static final String QUERY = "SELECT at, ref, source, what, device, actor, note, alarm_id, alarm_type, late, test, body, until FROM ("
      + " SELECT e.source_ts AS at, 'e:' || e.id::text AS ref, 'event' AS source, e.kind AS what, e.device_id AS device,"
      + "  NULL::text AS actor, NULL::text AS note, NULL::bigint AS alarm_id, NULL::text AS alarm_type, e.late,"
      + "  (t.event_id IS NOT NULL) AS test, e.body::text AS body, NULL::timestamptz AS until"
      + "  FROM events e LEFT JOIN panic_tests t ON t.event_id = e.id"
      + "  WHERE e.campus_id = $1 AND e.priority = 'P0' AND e.kind = 'panic' AND e.source_ts >= $2"
      + " UNION ALL"
      + " SELECT h.at, 'h:' || lpad(h.id::text, 19, '0'), 'alarm', h.action, a.device_id, h.actor, h.note, a.id, a.type, a.late, false, NULL, NULL"
      + "  FROM alarm_history h JOIN alarms a ON a.id = h.alarm_id WHERE a.campus_id = $1 AND h.at >= $2 AND h.action <> 'repeated'"
      + " UNION ALL"
      + " SELECT w.starts_at, 'w:' || lpad(w.id::text, 19, '0') || ':1', 'test_mode', 'started', NULL, w.started_by, NULL,"
      + "  NULL, NULL, false, false, NULL, w.ends_at"
      + "  FROM panic_test_windows w WHERE w.campus_id = $1 AND w.starts_at >= $2"
      + " UNION ALL"
      + " SELECT w.ended_early_at, 'w:' || lpad(w.id::text, 19, '0') || ':2', 'test_mode', 'ended_early', NULL, w.ended_early_by, NULL,"
      + "  NULL, NULL, false, false, NULL, NULL"
      + "  FROM panic_test_windows w WHERE w.campus_id = $1 AND w.ended_early_at >= $2"
      + ") x WHERE ($3::timestamptz IS NULL OR (at, ref COLLATE \"C\") < ($3::timestamptz, $4::text COLLATE \"C\"))"
      + " ORDER BY at DESC, ref COLLATE \"C\" DESC LIMIT $5";

  private final Pool pool;

  public CampusTimelineStore(Pool pool) {
    this.pool = pool;
  }

  /** Where a page ends: the next page starts just after this entry. */
  public record Cursor(Instant at, String ref) {
    /** As the API passes it around: {@code <ISO instant>|<ref>}. */
    public String text() {
      return at + "|" + ref;
    }

    /** Parses {@link #text()}; an {@link IllegalArgumentException} naming the field when it is not one. */
    public static Cursor parse(String text) {
      int bar = text.indexOf('|');
      try {
        if (bar < 1 || text.length() > 100) {
          throw new IllegalArgumentException();
        }
        String ref = text.substring(bar + 1);
        if (!ref.matches("[ehw]:[0-9a-f:-]{1,60}")) {
          throw new IllegalArgumentException();
        }
        return new Cursor(Instant.parse(text.substring(0, bar)), ref);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("before: not a cursor from this timeline");
      }
    }
  }

  /** A page of entries, newest first, and the cursor of the next older page (null when this was the last). */
  public record Page(List<JsonObject> entries, Cursor next) {}

  /**
   * The entries at or after {@code since}, older than {@code before} (null for the newest), at most {@code limit}.
   */
  public Future<Page> page(String campus, Instant since, Cursor before, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: must be 1.." + MAX_LIMIT);
    }
    Tuple args = Tuple.of(campus, SqlTime.odt(since), before == null ? null : SqlTime.odt(before.at()), before == null ? null : before.ref(), limit);
    return pool.preparedQuery(QUERY).execute(args).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      Cursor last = null;
      for (Row r : rows) {
        Instant at = SqlTime.instant(r, "at");
        last = new Cursor(at, r.getString("ref"));
        JsonObject e = new JsonObject().put("at", at.toString()).put("source", r.getString("source")).put("what", r.getString("what"));
        putIfSet(e, "device", r.getString("device"));
        putIfSet(e, "actor", r.getString("actor"));
        putIfSet(e, "note", r.getString("note"));
        putIfSet(e, "alarmId", r.getLong("alarm_id"));
        putIfSet(e, "alarmType", r.getString("alarm_type"));
        Instant until = SqlTime.instant(r, "until");
        putIfSet(e, "until", until == null ? null : until.toString());
        if (r.getBoolean("late")) {
          e.put("late", true);
        }
        if (r.getBoolean("test")) {
          e.put("test", true);
        }
        String body = r.getString("body");
        if (body != null) {
          e.put("body", new JsonObject(body));
        }
        out.add(e);
      }
      return new Page(out, rows.size() == limit ? last : null);
    });
  }

  private static void putIfSet(JsonObject o, String key, Object value) {
    if (value != null) {
      o.put(key, value);
    }
  }
}
