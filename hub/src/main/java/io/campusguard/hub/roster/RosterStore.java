package io.campusguard.hub.roster;

import io.campusguard.hub.store.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;

/**
 * The duty roster's versions in PostgreSQL. A save adds the next version and an audit line in one transaction;
 * the newest version is in force. Reading the roster in force is cached for {@code cacheFor}, since every
 * notification asks it.
 */
public final class RosterStore {
  private final Pool pool;
  private final java.time.Duration cacheFor;
  private Future<Optional<Version>> cached;
  private long cachedAtNanos;

  public RosterStore(Pool pool, java.time.Duration cacheFor) {
    this.pool = pool;
    this.cacheFor = cacheFor;
  }

  /** One saved roster. */
  public record Version(int version, DutyRoster roster, JsonObject document, Instant savedAt, String savedBy, String note) {}

  /** A save over a copy older than the one in force; nothing was written. */
  public static final class StaleRoster extends RuntimeException {
    public StaleRoster(int stored) {
      super("the duty roster was changed meanwhile (now version " + stored + "): reload and edit again", null, false, false);
    }
  }

  /** The roster in force, or empty when none was ever saved. */
  public Future<Optional<Version>> current() {
    long now = System.nanoTime();
    if (cached == null || now - cachedAtNanos > cacheFor.toNanos() || cached.failed()) {
      cachedAtNanos = now;
      cached = pool.query("SELECT version, document::text AS document, saved_at, saved_by, note FROM duty_rosters ORDER BY version DESC LIMIT 1")
          .execute().map(rows -> rows.size() == 0 ? Optional.<Version>empty() : Optional.of(from(rows.iterator().next())));
    }
    return cached;
  }

  /** Every version, newest first, without their documents. */
  public Future<JsonArray> versions() {
    return pool.query("SELECT version, saved_at, saved_by, note FROM duty_rosters ORDER BY version DESC").execute().map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("version", r.getInteger("version")).put("savedAt", SqlTime.instant(r, "saved_at").toString())
            .put("savedBy", r.getString("saved_by")).put("note", r.getString("note")));
      }
      return out;
    });
  }

  public Future<Optional<Version>> get(int version) {
    return pool.preparedQuery("SELECT version, document::text AS document, saved_at, saved_by, note FROM duty_rosters WHERE version = $1")
        .execute(Tuple.of(version)).map(rows -> rows.size() == 0 ? Optional.<Version>empty() : Optional.of(from(rows.iterator().next())));
  }

  /**
   * Saves {@code roster} as the next version when {@code expectedVersion} is the one in force (0 when none), else
   * fails with {@link StaleRoster}.
   */
  public Future<Version> save(DutyRoster roster, int expectedVersion, String actor, String note, Instant now) {
    JsonObject document = RosterDocument.json(roster);
    return pool.withTransaction(conn -> conn.query("LOCK TABLE duty_rosters IN SHARE ROW EXCLUSIVE MODE").execute()
        .compose(v -> conn.query("SELECT coalesce(max(version), 0) AS v FROM duty_rosters").execute())
        .compose(rows -> {
          int stored = rows.iterator().next().getInteger("v");
          if (stored != expectedVersion) {
            return Future.failedFuture(new StaleRoster(stored));
          }
          int next = stored + 1;
          return conn.preparedQuery("INSERT INTO duty_rosters (version, document, saved_at, saved_by, note) VALUES ($1, $2::text::jsonb, $3, $4, $5)")
              .execute(Tuple.of(next, document.encode(), SqlTime.odt(now), actor, note))
              .compose(x -> conn.preparedQuery("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, 'roster.update', $3, $4)")
                  .execute(Tuple.of(SqlTime.odt(now), actor, "roster/" + next, new JsonObject().put("version", next).put("note", note)
                      .put("duties", roster.duties().size()).encode())))
              .map(x -> new Version(next, roster, document, now, actor, note));
        }))
        .onSuccess(v -> cached = null);
  }

  private static Version from(Row r) {
    JsonObject document = new JsonObject(r.getString("document"));
    return new Version(r.getInteger("version"), RosterDocument.parse(document), document, SqlTime.instant(r, "saved_at"),
        r.getString("saved_by"), r.getString("note"));
  }
}
