package io.campusguard.hub.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Rows of {@code audit_log} for what people do that no other store records in its own transaction (logins). */
public final class AuditLog {
  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  /** Succeeds when the row is stored. {@code detail} never holds a password. */
  public Future<Void> record(Instant at, String actor, String action, String target, String detail) {
    return pool.preparedQuery("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), actor, action, target, detail))
        .mapEmpty();
  }
}
