package io.campusguard.hub.video;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.hub.store.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where devices are (building, room, linkage group) and a camera's national id, and the cameras beside an alarm's
 * device: those of the same campus in its building and room, or in its linkage group, with their state now.
 */
public final class DevicePlaces {
  /** Active alarms that mean a camera shows nothing now. */
  static final List<String> DARK = List.of(AlarmTypes.CAMERA_OFFLINE, AlarmTypes.VIDEO_LOSS, AlarmTypes.CAMERA_TAMPER, AlarmTypes.PARENT_OFFLINE);

  private static final String BESIDE = "SELECT p.device_id, d.name, p.building, p.room, p.linkage_group, p.national_id, d.last_seen_at,"
      + " (d.id IS NULL) AS never_heard,"
      + " (SELECT string_agg(a.type, ',' ORDER BY a.type) FROM alarms a WHERE a.device_id = p.device_id AND a.state <> 'resolved'"
      + "   AND a.type = ANY($4::text[])) AS dark"
      + " FROM device_places me JOIN device_places p ON p.campus_id = me.campus_id AND p.device_id <> me.device_id"
      + "  AND ((p.building IS NOT DISTINCT FROM me.building AND p.room = me.room) OR (p.linkage_group = me.linkage_group))"
      + " LEFT JOIN devices d ON d.id = p.device_id"
      + " WHERE me.device_id = $1 AND me.campus_id = $2 AND (d.kind = 'camera' OR (d.id IS NULL AND p.national_id IS NOT NULL) OR $3)"
      + " ORDER BY (p.room = me.room) DESC, p.device_id LIMIT 50";

  private final Pool pool;
  private final LiveView liveView;

  public DevicePlaces(Pool pool, LiveView liveView) {
    this.pool = pool;
    this.liveView = liveView;
  }

  /** One device's place, as registered. */
  public record Place(String deviceId, String campus, String building, String room, String linkageGroup, String nationalId) {
    public Place {
      if (room != null && room.length() > 100 || building != null && building.length() > 100) {
        throw new IllegalArgumentException("room: at most 100 characters (building too)");
      }
      if (nationalId != null && !nationalId.matches("[0-9]{20}")) {
        throw new IllegalArgumentException("nationalId: the 20 digits of a GB/T 28181 id");
      }
      if (linkageGroup != null && (linkageGroup.isBlank() || linkageGroup.length() > 100)) {
        throw new IllegalArgumentException("linkageGroup: 1..100 characters");
      }
    }
  }

  /** Registers (or moves) a device; audited. */
  public Future<Void> save(Place p, String actor, Instant now) {
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO device_places (device_id, campus_id, building, room, linkage_group,"
            + " national_id, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (device_id) DO UPDATE SET"
            + " campus_id = EXCLUDED.campus_id, building = EXCLUDED.building, room = EXCLUDED.room, linkage_group = EXCLUDED.linkage_group,"
            + " national_id = EXCLUDED.national_id, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")
        .execute(Tuple.from(java.util.Arrays.asList(p.deviceId(), p.campus(), p.building(), p.room(), p.linkageGroup(), p.nationalId(),
            SqlTime.odt(now), actor)))
        .compose(v -> conn.preparedQuery("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, 'device.place', $3, $4)")
            .execute(Tuple.of(SqlTime.odt(now), actor, "device/" + p.deviceId(), JsonObject.mapFrom(p).encode())))
        .mapEmpty());
  }

  /**
   * The cameras beside {@code device} of {@code campus} (same building and room, or same linkage group), nearest
   * first, each with its state ({@code online}, {@code dark} with the alarm types that say so, {@code unknown} when
   * never heard) and its live-view link. With {@code anyDevice}, devices of every kind (a room's other buttons too).
   */
  public Future<JsonArray> beside(String campus, String device, boolean anyDevice) {
    return pool.preparedQuery(BESIDE).execute(Tuple.of(device, campus, anyDevice, DARK.toArray(new String[0]))).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        String dark = r.getString("dark");
        String status = dark != null ? "dark" : r.getBoolean("never_heard") ? "unknown" : "online";
        out.add(new JsonObject().put("id", r.getString("device_id")).put("name", r.getString("name"))
            .put("building", r.getString("building")).put("room", r.getString("room")).put("linkageGroup", r.getString("linkage_group"))
            .put("nationalId", r.getString("national_id")).put("status", status)
            .put("alarms", dark == null ? new JsonArray() : new JsonArray(new ArrayList<>(List.of(dark.split(",")))))
            .put("lastSeenAt", r.getValue("last_seen_at") == null ? null : SqlTime.instant(r, "last_seen_at").toString())
            .put("liveUrl", liveView.link(r.getString("device_id"), r.getString("national_id"))));
      }
      return out;
    });
  }
}
