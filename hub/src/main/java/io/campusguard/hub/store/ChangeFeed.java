package io.campusguard.hub.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered log of alarm and campus-status changes that the console's SSE stream replays. Appending takes a
 * transaction-scoped advisory lock first, so ids are handed out in commit order: a reader that has seen id N
 * will never later find a smaller id appear. Writers append as their last statement, which keeps the lock short.
 */
public final class ChangeFeed {
  /** Arbitrary but fixed: the advisory lock key of the change feed. */
  private static final long LOCK_KEY = 0x43_47_43_48_41_4E_47L;

  private final Pool pool;

  public ChangeFeed(Pool pool) {
    this.pool = pool;
  }

  /** One change as a client receives it; {@code id} is the SSE event id. */
  public record Change(long id, String kind, String campus, Instant at, JsonObject payload) {}

  static Future<Void> append(SqlConnection conn, String kind, String campus, JsonObject payload, Instant at) {
    return conn.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY))
        .compose(v -> conn.preparedQuery("INSERT INTO changes (at, kind, campus_id, payload) VALUES ($1, $2, $3, $4)")
            .execute(Tuple.of(SqlTime.odt(at), kind, campus, payload)))
        .mapEmpty();
  }

  /** Changes after {@code afterId}, oldest first, at most {@code limit}. */
  public Future<List<Change>> since(long afterId, int limit) {
    return pool.preparedQuery("SELECT id, kind, campus_id, at, payload::text AS payload FROM changes WHERE id > $1 ORDER BY id LIMIT $2")
        .execute(Tuple.of(afterId, limit))
        .map(rows -> {
          List<Change> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new Change(r.getLong("id"), r.getString("kind"), r.getString("campus_id"), SqlTime.instant(r, "at"),
                new JsonObject(r.getString("payload"))));
          }
          return out;
        });
  }

  /** The newest id, where a new client without Last-Event-ID starts. */
  public Future<Long> head() {
    return pool.query("SELECT coalesce(max(id), 0) FROM changes").execute().map(r -> r.iterator().next().getLong(0));
  }
}
