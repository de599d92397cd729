package io.campusguard.hub.store;

import io.campusguard.hub.alarms.CampusColour;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Campuses, their link state and their colour. The colour and the count of degraded devices are recomputed in
 * every transaction that could change them: alarm changes, link decisions, and event commits that flipped a
 * device's condition ({@link io.campusguard.hub.alarms.Degradation}).
 */
public final class CampusStore {
  private static final String STATUS =
      "SELECT c.id, c.name, c.town, c.link_state, c.last_heartbeat_at, c.colour, c.degraded_devices,"
          + " (SELECT count(*) FROM alarms a WHERE a.campus_id = c.id AND a.state <> 'resolved' AND a.severity = 'P0') AS p0,"
          + " (SELECT count(*) FROM alarms a WHERE a.campus_id = c.id AND a.state <> 'resolved' AND a.severity <> 'P0') AS other"
          + " FROM campuses c";

  // With the degraded count as the devices say it now, not as last stored (see Degradation).
  private static final String STATUS_LIVE = STATUS.replace(" FROM campuses c",
      ", (SELECT count(*) FROM devices d WHERE d.campus_id = c.id AND d.degraded) AS degraded_now FROM campuses c");

  private final Pool pool;

  public CampusStore(Pool pool) {
    this.pool = pool;
  }

  public Future<List<CampusStatus>> list() {
    return pool.query(STATUS + " ORDER BY c.id").execute().map(rows -> {
      List<CampusStatus> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(status(r));
      }
      return out;
    });
  }

  public Future<Optional<CampusStatus>> get(String campus) {
    return pool.preparedQuery(STATUS + " WHERE c.id = $1").execute(Tuple.of(campus))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(status(rows.iterator().next())));
  }

  /** Registers a campus (idempotent), e.g. from the campus register at start. */
  public Future<Void> register(String campus, String name, String town) {
    return pool.preparedQuery("INSERT INTO campuses (id, name, town) VALUES ($1, $2, $3)"
            + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, town = EXCLUDED.town")
        .execute(Tuple.of(campus, name, town)).mapEmpty();
  }

  /** Records a heartbeat's time and boot id; cheap, no colour change (supervision decides the link state). */
  public Future<Void> heartbeat(String campus, Instant at, String bootId) {
    return pool.preparedQuery("INSERT INTO campuses (id, last_heartbeat_at, boot_id) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE"
            + " SET last_heartbeat_at = greatest(campuses.last_heartbeat_at, EXCLUDED.last_heartbeat_at), boot_id = EXCLUDED.boot_id")
        .execute(Tuple.of(campus, SqlTime.odt(at), bootId)).mapEmpty();
  }

  /** Within a transaction: sets the link state (null keeps it). */
  static Future<Void> setLinkState(SqlConnection conn, String campus, String linkState) {
    return conn.preparedQuery("INSERT INTO campuses (id, link_state) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET link_state = EXCLUDED.link_state")
        .execute(Tuple.of(campus, linkState)).mapEmpty();
  }

  /**
   * Within a transaction: locks the campus row, recounts its degraded devices, recomputes its colour and, when
   * colour, degraded count or link state differ from what was last published, stores them and appends a campus
   * change. The row lock serialises this per campus across hubs; the count is read after the lock is ours, so it
   * sees every flip committed before.
   */
  static Future<Void> refresh(SqlConnection conn, String campus, Instant now, boolean linkChanged) {
    return conn.preparedQuery("INSERT INTO campuses (id) VALUES ($1) ON CONFLICT (id) DO NOTHING").execute(Tuple.of(campus))
        .compose(v -> conn.preparedQuery("SELECT id FROM campuses WHERE id = $1 FOR UPDATE").execute(Tuple.of(campus)))
        .compose(v -> conn.preparedQuery(STATUS_LIVE + " WHERE c.id = $1").execute(Tuple.of(campus)))
        .compose(rows -> {
          Row r = rows.iterator().next();
          CampusStatus s = status(r, r.getLong("degraded_now").intValue());
          boolean same = s.colour().wireName().equals(r.getString("colour")) && s.degradedDevices() == r.getInteger("degraded_devices");
          if (same && !linkChanged) {
            return Future.succeededFuture();
          }
          return conn.preparedQuery("UPDATE campuses SET colour = $2, degraded_devices = $3 WHERE id = $1")
              .execute(Tuple.of(campus, s.colour().wireName(), s.degradedDevices()))
              .compose(x -> ChangeFeed.append(conn, "campus", campus, s.json(), now));
        });
  }

  private static CampusStatus status(Row r) {
    return status(r, r.getInteger("degraded_devices"));
  }

  private static CampusStatus status(Row r, int degraded) {
    boolean lost = "lost".equals(r.getString("link_state"));
    int p0 = r.getLong("p0").intValue();
    int other = r.getLong("other").intValue();
    return new CampusStatus(r.getString("id"), r.getString("name"), r.getString("town"), r.getString("link_state"),
        SqlTime.instant(r, "last_heartbeat_at"), CampusColour.of(lost, p0, other, degraded), p0, other, degraded);
  }
}
