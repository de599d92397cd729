package io.campusguard.hub.store;

import io.campusguard.devices.WireNames;
import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.asset.AssetCategory;
import io.campusguard.hub.assets.Repair;
import io.campusguard.hub.replacement.DeviceHealth;
import io.campusguard.hub.replacement.QueueEntry;
import io.campusguard.hub.replacement.ReplacementState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The asset register, what telemetry says of each asset's device, and the replacement workflow. An asset's id is
 * the device id it reports under, which is how telemetry finds its asset.
 */
public final class AssetStore {
  private static final String UPSERT =
      "INSERT INTO assets (id, campus_id, room, category, make, model, purchase_date, price, warranty_end)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET campus_id = EXCLUDED.campus_id,"
          + " room = EXCLUDED.room, category = EXCLUDED.category, make = EXCLUDED.make, model = EXCLUDED.model,"
          + " purchase_date = EXCLUDED.purchase_date, price = EXCLUDED.price, warranty_end = EXCLUDED.warranty_end";

  private final Pool pool;

  public AssetStore(Pool pool) {
    this.pool = pool;
  }

  /** Stores the assets in one transaction (all or none); returns how many. */
  public Future<Integer> upsert(List<Asset> assets) {
    if (assets.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<Tuple> rows = new ArrayList<>(assets.size());
    for (Asset a : assets) {
      rows.add(Tuple.from(List.of(a.assetId(), a.campus(), a.room(), WireNames.of(a.category()), a.make(), a.model(), a.purchaseDate(), a.price()))
          .addLocalDate(a.warrantyEnd()));
    }
    return pool.withTransaction(conn -> conn.preparedQuery(UPSERT).executeBatch(rows)).map(r -> assets.size());
  }

  /** An asset with where it is and when its device was last heard from (null: never). */
  public record Listed(Asset asset, String campusName, String town, Instant lastSeen) {}

  public Future<List<Listed>> list(String campus, AssetCategory category, String town) {
    StringBuilder sql = new StringBuilder(
        "SELECT a.*, c.name AS campus_name, c.town, d.last_seen_at FROM assets a LEFT JOIN campuses c ON c.id = a.campus_id"
            + " LEFT JOIN devices d ON d.id = a.id AND d.campus_id = a.campus_id WHERE true");
    List<Object> params = new ArrayList<>();
    if (campus != null) {
      params.add(campus);
      sql.append(" AND a.campus_id = $").append(params.size());
    }
    if (category != null) {
      params.add(WireNames.of(category));
      sql.append(" AND a.category = $").append(params.size());
    }
    if (town != null) {
      params.add(town);
      sql.append(" AND c.town = $").append(params.size());
    }
    sql.append(" ORDER BY a.id");
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
      List<Listed> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Listed(asset(r), r.getString("campus_name"), r.getString("town"), SqlTime.instant(r, "last_seen_at")));
      }
      return out;
    });
  }

  /**
   * Health per device from telemetry: the latest classroom health report, days since last heard, open alarms as
   * open faults and resolved ones as past faults.
   */
  public Future<Map<String, DeviceHealth>> health(Instant now) {
    return reported(now, null).map(all -> {
      Map<String, DeviceHealth> out = new HashMap<>();
      all.forEach((id, r) -> out.put(id, r.health()));
      return out;
    });
  }

  /**
   * What telemetry says of a device: its health, the campus it reports from (the envelope's, which the hub checks
   * against the gateway's uplink topic), the room its latest classroom report names (null: not reported), and
   * when it was last heard from.
   */
  public record Reported(DeviceHealth health, String campus, String room, Instant lastSeen) {}

  /** {@link #health}'s facts with where each device reports from; one device, or all when {@code deviceId} is null. */
  public Future<Map<String, Reported>> reported(Instant now, String deviceId) {
    String sql =
        "SELECT d.id, d.campus_id, d.last_seen_at, h.body,"
            + " (SELECT count(*) FROM alarms a WHERE a.campus_id = d.campus_id AND a.device_id = d.id AND a.state <> 'resolved') AS open_faults,"
            + " (SELECT count(*) FROM alarms a WHERE a.campus_id = d.campus_id AND a.device_id = d.id AND a.state = 'resolved') AS past_faults"
            + " FROM devices d LEFT JOIN LATERAL (SELECT body FROM events e WHERE e.campus_id = d.campus_id AND e.device_id = d.id AND e.kind = 'classroom'"
            + " ORDER BY e.source_ts DESC LIMIT 1) h ON true"
            + (deviceId == null ? "" : " WHERE d.id = $1");
    Tuple params = deviceId == null ? Tuple.tuple() : Tuple.of(deviceId);
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      Map<String, Reported> out = new HashMap<>();
      for (Row r : rows) {
        Instant seen = SqlTime.instant(r, "last_seen_at");
        int daysOffline = seen == null ? 0 : (int) Math.max(0, java.time.Duration.between(seen, now).toDays());
        Object body = r.getValue("body");
        JsonObject b = body instanceof JsonObject j ? j : new JsonObject();
        DeviceHealth health = new DeviceHealth(
            b.getLong("powerOnHours"), b.getLong("lampHours"), b.getLong("panelHours"), b.getInteger("diskHealth"),
            b.getInteger("bootFailures", 0), b.getInteger("crashes", 0), b.getDouble("temperature"), daysOffline,
            r.getLong("open_faults").intValue(), r.getLong("past_faults").intValue(), 0);
        out.put(r.getString("id"), new Reported(health, r.getString("campus_id"), b.getString("room"), seen));
      }
      return out;
    });
  }

  /** One asset with where it is and when its device was last heard from; empty when there is no such asset. */
  public Future<java.util.Optional<Listed>> find(String assetId) {
    return pool.preparedQuery("SELECT a.*, c.name AS campus_name, c.town, d.last_seen_at FROM assets a LEFT JOIN campuses c ON c.id = a.campus_id"
            + " LEFT JOIN devices d ON d.id = a.id AND d.campus_id = a.campus_id WHERE a.id = $1")
        .execute(Tuple.of(assetId))
        .map(rows -> {
          for (Row r : rows) {
            return java.util.Optional.of(new Listed(asset(r), r.getString("campus_name"), r.getString("town"), SqlTime.instant(r, "last_seen_at")));
          }
          return java.util.Optional.empty();
        });
  }

  /** A device's fault: one alarm raised on it, newest first. */
  public record Fault(long id, String type, String severity, String state, Instant openedAt, Instant resolvedAt, String detail) {}

  public Future<List<Fault>> faults(String deviceId, int limit) {
    return pool.preparedQuery("SELECT id, type, severity, state, opened_at, resolved_at, detail FROM alarms WHERE device_id = $1"
            + " ORDER BY opened_at DESC, id DESC LIMIT $2")
        .execute(Tuple.of(deviceId, limit))
        .map(rows -> {
          List<Fault> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Fault(r.getLong("id"), r.getString("type"), r.getString("severity"), r.getString("state"),
                SqlTime.instant(r, "opened_at"), SqlTime.instant(r, "resolved_at"), r.getString("detail")));
          }
          return out;
        });
  }

  /** Every asset's workflow entry; assets without one are candidates with no history. */
  public Future<Map<String, QueueEntry>> entries() {
    return pool.query("SELECT asset_id, from_state, to_state, by_user, at, note FROM replacement_history ORDER BY id").execute().map(rows -> {
      Map<String, List<QueueEntry.Step>> steps = new HashMap<>();
      for (Row r : rows) {
        steps.computeIfAbsent(r.getString("asset_id"), k -> new ArrayList<>()).add(new QueueEntry.Step(
            state(r.getString("from_state")), state(r.getString("to_state")), r.getString("by_user"), SqlTime.instant(r, "at"), r.getString("note")));
      }
      Map<String, QueueEntry> out = new HashMap<>();
      steps.forEach((id, list) -> out.put(id, new QueueEntry(id, list.get(list.size() - 1).to(), list)));
      return out;
    });
  }

  /**
   * Moves one asset's entry a step, under a row lock so two people clicking at once cannot both move it;
   * fails with the workflow's {@link IllegalStateException} when the step is not allowed.
   */
  public Future<QueueEntry> move(String assetId, ReplacementState to, String by, Instant at, String note) {
    return pool.withTransaction(conn -> conn.preparedQuery("SELECT id FROM assets WHERE id = $1").execute(Tuple.of(assetId))
        .compose(found -> {
          if (found.size() == 0) {
            return Future.failedFuture(new java.util.NoSuchElementException("no asset " + assetId));
          }
          return conn.preparedQuery("INSERT INTO replacement_entries (asset_id, state, updated_at, updated_by) VALUES ($1, 'candidate', $2, $3)"
                  + " ON CONFLICT (asset_id) DO NOTHING").execute(Tuple.of(assetId, SqlTime.odt(at), by));
        })
        .compose(v -> conn.preparedQuery("SELECT state FROM replacement_entries WHERE asset_id = $1 FOR UPDATE").execute(Tuple.of(assetId)))
        .compose(rows -> {
          ReplacementState from = state(rows.iterator().next().getString("state"));
          QueueEntry moved;
          try {
            moved = new QueueEntry(assetId, from, List.of()).moveTo(to, by, at, note);
          } catch (IllegalStateException e) {
            return Future.failedFuture(e);
          }
          return conn.preparedQuery("UPDATE replacement_entries SET state = $2, updated_at = $3, updated_by = $4 WHERE asset_id = $1")
              .execute(Tuple.of(assetId, WireNames.of(to), SqlTime.odt(at), by))
              .compose(x -> conn.preparedQuery("INSERT INTO replacement_history (asset_id, from_state, to_state, by_user, at, note) VALUES ($1, $2, $3, $4, $5, $6)")
                  .execute(Tuple.of(assetId, WireNames.of(from), WireNames.of(to), by, SqlTime.odt(at), note == null ? "" : note)))
              .map(x -> moved);
        }));
  }

  /**
   * Records a repair of an asset and audits it, in one transaction. Fails with {@link java.util.NoSuchElementException}
   * for an unknown asset and with {@link IllegalArgumentException} naming the field when the repair cannot be
   * true (see {@link Repair#check}); {@code today} bounds the date.
   */
  public Future<Repair> recordRepair(String assetId, LocalDate repairedOn, String note, BigDecimal cost, String by, Instant at, LocalDate today) {
    return pool.withTransaction(conn -> conn.preparedQuery("SELECT purchase_date FROM assets WHERE id = $1").execute(Tuple.of(assetId))
        .compose(found -> {
          if (found.size() == 0) {
            return Future.failedFuture(new java.util.NoSuchElementException("assetId: no asset " + assetId));
          }
          try {
            Repair.check(repairedOn, note, cost, found.iterator().next().getLocalDate("purchase_date"), today);
          } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
          }
          return conn.preparedQuery("INSERT INTO asset_repairs (asset_id, repaired_on, note, cost, recorded_by, recorded_at)"
                  + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
              .execute(Tuple.of(assetId, repairedOn, note, cost, by, SqlTime.odt(at)));
        })
        .compose(rows -> {
          Repair repair = new Repair(rows.iterator().next().getLong("id"), assetId, repairedOn, note, cost, by, at);
          JsonObject detail = new JsonObject().put("id", repair.id()).put("repairedOn", repairedOn.toString()).put("note", note)
              .put("cost", cost == null ? null : cost.toPlainString());
          return conn.preparedQuery("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, 'asset.repair', $3, $4)")
              .execute(Tuple.of(SqlTime.odt(at), by, "asset/" + assetId, detail.encode()))
              .map(v -> repair);
        }));
  }

  /** An asset's repairs, latest repair first. */
  public Future<List<Repair>> repairs(String assetId) {
    return pool.preparedQuery("SELECT * FROM asset_repairs WHERE asset_id = $1 ORDER BY repaired_on DESC, id DESC")
        .execute(Tuple.of(assetId))
        .map(rows -> {
          List<Repair> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Repair(r.getLong("id"), r.getString("asset_id"), r.getLocalDate("repaired_on"), r.getString("note"),
                r.getBigDecimal("cost"), r.getString("recorded_by"), SqlTime.instant(r, "recorded_at")));
          }
          return out;
        });
  }

  /** Repairs per asset (assets without any are absent); one asset, or all when {@code assetId} is null. */
  public Future<Map<String, Integer>> repairCounts(String assetId) {
    String sql = "SELECT asset_id, count(*) AS n FROM asset_repairs" + (assetId == null ? "" : " WHERE asset_id = $1") + " GROUP BY asset_id";
    return pool.preparedQuery(sql).execute(assetId == null ? Tuple.tuple() : Tuple.of(assetId)).map(rows -> {
      Map<String, Integer> out = new HashMap<>();
      for (Row r : rows) {
        out.put(r.getString("asset_id"), r.getLong("n").intValue());
      }
      return out;
    });
  }

  private static ReplacementState state(String wire) {
    return WireNames.parse(ReplacementState.class, wire).orElseThrow();
  }

  private static Asset asset(Row r) {
    LocalDate warranty = r.getLocalDate("warranty_end");
    return new Asset(
        r.getString("id"), r.getString("campus_id"), r.getString("room"),
        WireNames.parse(AssetCategory.class, r.getString("category")).orElseThrow(),
        r.getString("make"), r.getString("model"), r.getLocalDate("purchase_date"), r.getBigDecimal("price"), warranty);
  }
}
