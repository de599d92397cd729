package io.campusguard.hub.store;

import io.campusguard.hub.alarms.Procedure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The operators' procedures per alarm type (seeded by migration V30), with an audit line for every edit. */
public final class ProcedureStore {
  private static final String COLUMNS = "alarm_type, steps_zh::text AS zh, steps_en::text AS en, version, updated_at, updated_by";

  private final Pool pool;

  public ProcedureStore(Pool pool) {
    this.pool = pool;
  }

  /** A save made over a copy older than the stored one; nothing was written. */
  public static final class StaleProcedure extends RuntimeException {
    public StaleProcedure(String type, int stored) {
      super("procedure " + type + " was changed meanwhile (now version " + stored + "): reload and edit again", null, false, false);
    }
  }

  public Future<List<Procedure>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM procedures ORDER BY alarm_type").execute().map(rows -> {
      List<Procedure> out = new ArrayList<>();
      rows.forEach(r -> out.add(from(r)));
      return out;
    });
  }

  public Future<Optional<Procedure>> get(String type) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM procedures WHERE alarm_type = $1").execute(Tuple.of(type)).map(ProcedureStore::first);
  }

  /**
   * Creates or replaces a type's procedure and writes who did it to the audit log, in one transaction. With
   * {@code expectedVersion} non-null, fails with {@link StaleProcedure} unless the stored version is that one.
   */
  public Future<Procedure> save(String type, List<String> zh, List<String> en, Integer expectedVersion, String actor, Instant now) {
    JsonArray zhJson = new JsonArray(new ArrayList<>(zh));
    JsonArray enJson = new JsonArray(new ArrayList<>(en));
    return pool.withTransaction(conn -> conn
        .preparedQuery("SELECT version FROM procedures WHERE alarm_type = $1 FOR UPDATE").execute(Tuple.of(type))
        .compose(rows -> {
          Integer stored = rows.size() == 0 ? null : rows.iterator().next().getInteger("version");
          if (expectedVersion != null && !expectedVersion.equals(stored == null ? 0 : stored)) {
            return Future.failedFuture(new StaleProcedure(type, stored == null ? 0 : stored));
          }
          return conn.preparedQuery("INSERT INTO procedures (alarm_type, steps_zh, steps_en, version, updated_at, updated_by)"
                  + " VALUES ($1, $2::text::jsonb, $3::text::jsonb, 1, $4, $5) ON CONFLICT (alarm_type) DO UPDATE SET steps_zh = EXCLUDED.steps_zh,"
                  + " steps_en = EXCLUDED.steps_en, version = procedures.version + 1, updated_at = EXCLUDED.updated_at,"
                  + " updated_by = EXCLUDED.updated_by RETURNING " + COLUMNS)
              .execute(Tuple.of(type, zhJson.encode(), enJson.encode(), SqlTime.odt(now), actor))
              .compose(saved -> conn.preparedQuery("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, 'procedure.update', $3, $4)")
                  .execute(Tuple.of(SqlTime.odt(now), actor, "procedure/" + type,
                      new JsonObject().put("version", first(saved).orElseThrow().version()).put("zh-CN", zhJson).put("en", enJson).encode()))
                  .map(v -> first(saved).orElseThrow()));
        }));
  }

  private static Optional<Procedure> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next()));
  }

  private static Procedure from(Row r) {
    return new Procedure(r.getString("alarm_type"), strings(r.getString("zh")), strings(r.getString("en")), r.getInteger("version"),
        SqlTime.instant(r, "updated_at"), r.getString("updated_by"));
  }

  private static List<String> strings(String json) {
    return new JsonArray(json).stream().map(String::valueOf).toList();
  }
}
