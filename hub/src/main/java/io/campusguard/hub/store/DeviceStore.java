package io.campusguard.hub.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** The device register as the hub has learnt it from events. */
public final class DeviceStore {
  private final Pool pool;

  public DeviceStore(Pool pool) {
    this.pool = pool;
  }

  /** Devices of one campus, or of all when {@code campus} is null (bounded). */
  public Future<JsonArray> list(String campus) {
    String sql = "SELECT id, campus_id, kind, device_type, name, last_seen_at FROM devices"
        + (campus == null ? "" : " WHERE campus_id = $1") + " ORDER BY id LIMIT 10000";
    Tuple args = campus == null ? Tuple.tuple() : Tuple.of(campus);
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject()
            .put("id", r.getString("id"))
            .put("campus", r.getString("campus_id"))
            .put("kind", r.getString("kind"))
            .put("deviceType", r.getString("device_type"))
            .put("name", r.getString("name"))
            .put("lastSeenAt", AlarmRows.text(SqlTime.instant(r, "last_seen_at"))));
      }
      return out;
    });
  }
}
