package io.campusguard.hub.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** Keeps refused input aside with its reason, for operators and the security review. */
public final class DeadLetterStore {
  private final Pool pool;

  public DeadLetterStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> keep(List<DeadLetter> letters) {
    if (letters.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows =
        letters.stream()
            .map(d -> Tuple.of(d.campus(), d.topic(), d.raw().replace("\u0000", "\\u0000"), d.rejection().field(),
                d.rejection().reason().name(), d.rejection().detail(), SqlTime.odt(d.receivedAt())))
            .toList();
    return pool.preparedQuery(
            "INSERT INTO dead_letters (campus_id, topic, raw, field, reason, detail, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .executeBatch(rows)
        .mapEmpty();
  }

  /** The newest refusals, optionally of one campus, newest first. */
  public Future<JsonArray> recent(String campus, int limit) {
    String sql = "SELECT id, campus_id, topic, raw, field, reason, detail, received_at FROM dead_letters"
        + (campus == null ? "" : " WHERE campus_id = $2") + " ORDER BY id DESC LIMIT $1";
    Tuple args = campus == null ? Tuple.of(limit) : Tuple.of(limit, campus);
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject()
            .put("id", r.getLong("id"))
            .put("campus", r.getString("campus_id"))
            .put("topic", r.getString("topic"))
            .put("raw", r.getString("raw"))
            .put("field", r.getString("field"))
            .put("reason", r.getString("reason"))
            .put("detail", r.getString("detail"))
            .put("receivedAt", AlarmRows.text(SqlTime.instant(r, "received_at"))));
      }
      return out;
    });
  }

  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM dead_letters").execute().map(r -> r.iterator().next().getLong(0));
  }
}
