package io.campusguard.hub.auth;

import io.campusguard.hub.store.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Server-side sessions in PostgreSQL, so every hub instance knows every session. A session is looked up by the
 * SHA-256 of its id; it ends at logout, after its idle or absolute timeout, or when its user is re-issued. Every
 * method takes the time from the caller (the hub's injectable clock).
 */
public final class SessionStore {
  /**
   * A live session. {@code id} is the cookie value (known only right after {@link #create}; null otherwise).
   * {@code mustChangePassword}: the user signed in with a generated password it must change before anything else.
   */
  public record Session(String id, User user, String csrfToken, Instant createdAt, Instant lastSeenAt, boolean mustChangePassword) {}

  private final Pool pool;
  private final SessionTimeouts timeouts;
  private final SecretTokens tokens;

  public SessionStore(Pool pool, SessionTimeouts timeouts, SecretTokens tokens) {
    this.pool = pool;
    this.timeouts = timeouts;
    this.tokens = tokens;
  }

  public SessionTimeouts timeouts() {
    return timeouts;
  }

  /** A new session with a new id and CSRF token; also clears out sessions that are over. */
  public Future<Session> create(User user, Instant now) {
    return create(user, now, false);
  }

  public Future<Session> create(User user, Instant now, boolean mustChangePassword) {
    String id = tokens.next();
    String csrf = tokens.next();
    return pool.preparedQuery("DELETE FROM sessions WHERE last_seen_at <= $1 OR created_at <= $2")
        .execute(Tuple.of(SqlTime.odt(timeouts.idleCutoff(now)), SqlTime.odt(timeouts.createdCutoff(now))))
        .compose(v -> pool.preparedQuery("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)")
            .execute(Tuple.of(Buffer.buffer(SecretTokens.hash(id)), user.id(), csrf, SqlTime.odt(now))))
        .map(v -> new Session(id, user, csrf, now, now, mustChangePassword));
  }

  /** The live session with this id, refreshing its last-seen time now and then; empty when none or over. */
  public Future<Optional<Session>> find(String id, Instant now) {
    if (!SecretTokens.wellFormed(id)) {
      return Future.succeededFuture(Optional.empty());
    }
    Buffer key = Buffer.buffer(SecretTokens.hash(id));
    // A disabled user's sessions are ended when it is disabled; the condition here covers another hub's race.
    return pool.preparedQuery("SELECT s.csrf_token, s.created_at, s.last_seen_at, u.id, u.display_name, u.role, u.campus_id, "
            + "u.must_change_password FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND u.disabled_at IS NULL")
        .execute(Tuple.of(key))
        .compose(rows -> {
          if (!rows.iterator().hasNext()) {
            return Future.succeededFuture(Optional.empty());
          }
          Row r = rows.iterator().next();
          Instant created = r.getOffsetDateTime("created_at").toInstant();
          Instant lastSeen = r.getOffsetDateTime("last_seen_at").toInstant();
          if (!timeouts.live(created, lastSeen, now)) {
            return pool.preparedQuery("DELETE FROM sessions WHERE id_hash = $1").execute(Tuple.of(key)).map(v -> Optional.empty());
          }
          boolean mustChange = r.getBoolean("must_change_password");
          Session s = new Session(null, UserStore.user(r), r.getString("csrf_token"), created, lastSeen, mustChange);
          if (!timeouts.shouldTouch(lastSeen, now)) {
            return Future.succeededFuture(Optional.of(s));
          }
          return pool.preparedQuery("UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at < $2")
              .execute(Tuple.of(key, SqlTime.odt(now)))
              .map(v -> Optional.of(new Session(null, s.user(), s.csrfToken(), created, now, mustChange)));
        });
  }

  /**
   * Whether the session with this id is still live, without counting this as activity (a live stream's periodic
   * check must not keep an idle session open).
   */
  public Future<Boolean> isLive(String id, Instant now) {
    if (!SecretTokens.wellFormed(id)) {
      return Future.succeededFuture(false);
    }
    return pool.preparedQuery("SELECT created_at, last_seen_at FROM sessions WHERE id_hash = $1")
        .execute(Tuple.of(Buffer.buffer(SecretTokens.hash(id))))
        .map(rows -> {
          if (!rows.iterator().hasNext()) {
            return false;
          }
          Row r = rows.iterator().next();
          return timeouts.live(r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("last_seen_at").toInstant(), now);
        });
  }

  /** Ends every session of {@code userId} but {@code keepId} (null: all); completes with how many ended. */
  public Future<Integer> endAll(String userId, String keepId) {
    Buffer keep = Buffer.buffer(keepId == null || !SecretTokens.wellFormed(keepId) ? new byte[0] : SecretTokens.hash(keepId));
    return pool.preparedQuery("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2").execute(Tuple.of(userId, keep))
        .map(rows -> rows.rowCount());
  }

  /** Ends the session (logout); succeeds also when there was none. */
  public Future<Void> delete(String id) {
    if (!SecretTokens.wellFormed(id)) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("DELETE FROM sessions WHERE id_hash = $1")
        .execute(Tuple.of(Buffer.buffer(SecretTokens.hash(id))))
        .mapEmpty();
  }
}
