package io.campusguard.hub.store;

import io.campusguard.hub.alarms.Quarter;
import io.campusguard.hub.board.CampusFacts;
import io.campusguard.hub.board.DeviceFacts;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers the facts the "four 100%" board and the cameras page decide from: campuses with their link, panic
 * buttons, cameras and NVRs with when they were last heard and their active alarms, and the quarter's tested
 * buttons. Four bounded queries, no per-campus round trips.
 */
public final class BoardStore {
  private static final String DEVICES =
      "SELECT id, campus_id, kind, device_type, last_seen_at, parent_id FROM devices"
          + " WHERE kind IN ('panic', 'camera') AND ($1::text IS NULL OR campus_id = $1)";
  // The county's asset register says which buttons, cameras and NVRs a campus has, including any the hub has not
  // heard from (a quiet button's heartbeats stop at the gateway).
  private static final String REGISTERED =
      "SELECT id, campus_id, category FROM assets WHERE category IN ('panic_button', 'camera', 'nvr')"
          + " AND ($1::text IS NULL OR campus_id = $1)";
  private static final String ALARMS =
      "SELECT device_id, type FROM alarms WHERE state <> 'resolved' AND ($1::text IS NULL OR campus_id = $1)";
  private static final String TESTED =
      "SELECT DISTINCT device_id FROM panic_tests WHERE quarter = $1 AND ($2::text IS NULL OR campus_id = $2)";
  private static final String CAMPUSES =
      "SELECT id, name, town, link_state FROM campuses WHERE ($1::text IS NULL OR id = $1) ORDER BY town, id";

  private final Pool pool;

  public BoardStore(Pool pool) {
    this.pool = pool;
  }

  /** Facts for every campus, or for one when {@code campus} is not null. */
  public Future<List<CampusFacts>> facts(String campus, Quarter quarter) {
    Future<io.vertx.sqlclient.RowSet<Row>> campuses = pool.preparedQuery(CAMPUSES).execute(Tuple.of(campus));
    Future<io.vertx.sqlclient.RowSet<Row>> devices = pool.preparedQuery(DEVICES).execute(Tuple.of(campus));
    Future<io.vertx.sqlclient.RowSet<Row>> alarms = pool.preparedQuery(ALARMS).execute(Tuple.of(campus));
    Future<io.vertx.sqlclient.RowSet<Row>> tested = pool.preparedQuery(TESTED).execute(Tuple.of(quarter.toString(), campus));
    Future<io.vertx.sqlclient.RowSet<Row>> registered = pool.preparedQuery(REGISTERED).execute(Tuple.of(campus));
    return Future.all(List.of(campuses, devices, alarms, tested, registered)).map(done -> {
      Map<String, Set<String>> activeByDevice = new HashMap<>();
      for (Row r : alarms.result()) {
        activeByDevice.computeIfAbsent(r.getString("device_id"), k -> new HashSet<>()).add(r.getString("type"));
      }
      Set<String> testedIds = new HashSet<>();
      for (Row r : tested.result()) {
        testedIds.add(r.getString("device_id"));
      }
      Set<String> parents = new HashSet<>();
      for (Row r : devices.result()) {
        if (r.getString("parent_id") != null) {
          parents.add(r.getString("parent_id"));
        }
      }
      Map<String, Map<String, List<DeviceFacts>>> byCampus = new HashMap<>();
      for (Row r : devices.result()) {
        String id = r.getString("id");
        DeviceFacts d = new DeviceFacts(id, SqlTime.instant(r, "last_seen_at"), activeByDevice.getOrDefault(id, Set.of()), r.getString("parent_id"));
        byCampus.computeIfAbsent(r.getString("campus_id"), k -> new HashMap<>())
            .computeIfAbsent(role(r, parents), k -> new ArrayList<>()).add(d);
      }
      Set<String> heard = new HashSet<>();
      for (Row r : devices.result()) {
        heard.add(r.getString("id"));
      }
      for (Row r : registered.result()) {
        String id = r.getString("id");
        if (heard.add(id)) {
          byCampus.computeIfAbsent(r.getString("campus_id"), k -> new HashMap<>())
              .computeIfAbsent(r.getString("category"), k -> new ArrayList<>())
              .add(new DeviceFacts(id, null, activeByDevice.getOrDefault(id, Set.of()), null));
        }
      }
      List<CampusFacts> out = new ArrayList<>();
      for (Row r : campuses.result()) {
        String id = r.getString("id");
        Map<String, List<DeviceFacts>> kinds = byCampus.getOrDefault(id, Map.of());
        List<DeviceFacts> buttons = sorted(kinds.get("panic_button"));
        List<DeviceFacts> cameras = sorted(kinds.get("camera"));
        List<DeviceFacts> nvrs = new ArrayList<>(kinds.getOrDefault("nvr", List.of()));
        // An NVR its cameras name but the hub has never heard from still carries the cameras' outage when the gateway reports it.
        Set<String> known = new HashSet<>();
        nvrs.forEach(n -> known.add(n.id()));
        cameras.stream().map(DeviceFacts::nvr).filter(n -> n != null && known.add(n))
            .forEach(n -> nvrs.add(new DeviceFacts(n, null, activeByDevice.getOrDefault(n, Set.of()), null)));
        out.add(new CampusFacts(id, r.getString("name"), r.getString("town"), "up".equals(r.getString("link_state")), buttons,
            cameras, sorted(nvrs),
            buttons.stream().map(DeviceFacts::id).filter(testedIds::contains).collect(java.util.stream.Collectors.toSet())));
      }
      return out;
    });
  }

  /**
   * A device's role on the board. By kind, because a device heard only by heartbeats has no type in the register
   * (a heartbeat does not say what sent it): every panic-kind device is a button, and a camera-kind device is an
   * NVR when it says so or when cameras name it as theirs.
   */
  private static String role(Row r, Set<String> parents) {
    if ("panic".equals(r.getString("kind"))) {
      return "panic_button";
    }
    return "nvr".equals(r.getString("device_type")) || parents.contains(r.getString("id")) ? "nvr" : "camera";
  }

  private static List<DeviceFacts> sorted(List<DeviceFacts> list) {
    if (list == null) {
      return List.of();
    }
    List<DeviceFacts> copy = new ArrayList<>(list);
    copy.sort(java.util.Comparator.comparing(DeviceFacts::id));
    return copy;
  }
}
