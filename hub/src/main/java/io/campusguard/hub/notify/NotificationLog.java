package io.campusguard.hub.notify;

import io.campusguard.hub.store.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every delivery attempt: a row of its own (channel, recipient, outcome, latency) and a line in the
 * alarm's history, so the console shows the attempts where it shows everything else about the alarm. Attempts
 * are written in groups, one transaction at a time with everything that arrived meanwhile: a hundred alarms
 * notified at once cost a few transactions, not hundreds queued on the pool ahead of the notices' own look-ups.
 * Not thread-safe: called on the hub verticle's context.
 */
public final class NotificationLog {
  public static final String HISTORY_ACTION = "notified";
  private static final String INSERT_ATTEMPT =
      "INSERT INTO notification_attempts (alarm_id, kind, level, recipient, person, channel, attempt, outcome, detail, latency_ms, since_commit_ms, at)"
          + " VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11, $12)";
  private static final String INSERT_HISTORY = "INSERT INTO alarm_history (alarm_id, action, actor, at, note) VALUES ($1, $2, 'system', $3, $4)";

  private final Pool pool;
  private List<Attempt> waiting = new ArrayList<>();
  private io.vertx.core.Promise<Void> waitingDone = io.vertx.core.Promise.promise();
  private boolean writing;

  public NotificationLog(Pool pool) {
    this.pool = pool;
  }

  /** Succeeds when the attempt is stored (with those written in the same group). */
  public Future<Void> record(Attempt a) {
    waiting.add(a);
    Future<Void> mine = waitingDone.future();
    if (!writing) {
      writeWaiting();
    }
    return mine;
  }

  private void writeWaiting() {
    List<Attempt> group = waiting;
    io.vertx.core.Promise<Void> done = waitingDone;
    waiting = new ArrayList<>();
    waitingDone = io.vertx.core.Promise.promise();
    writing = true;
    List<Tuple> attempts = new ArrayList<>();
    List<Tuple> history = new ArrayList<>();
    for (Attempt a : group) {
      Delivery d = a.delivery();
      attempts.add(Tuple.from(java.util.Arrays.asList(d.alarmId(), d.notice().kind() == Notice.Kind.ALARM ? "alarm" : "acknowledged",
          d.notice().level(), d.to().label(a.channel()), JsonObject.mapFrom(d.to()).encode(), a.channel(), a.attempt(), a.outcome().wire(),
          a.detail() == null ? "" : a.detail(), a.latencyMs(), a.sinceCommitMs(), SqlTime.odt(a.at()))));
      history.add(Tuple.of(d.alarmId(), HISTORY_ACTION, SqlTime.odt(a.at()), a.historyNote()));
    }
    pool.withTransaction(conn -> conn.preparedQuery(INSERT_ATTEMPT).executeBatch(attempts)
            .compose(v -> conn.preparedQuery(INSERT_HISTORY).executeBatch(history)))
        .<Void>mapEmpty()
        .onComplete(result -> {
          writing = false;
          done.handle(result);
          if (!waiting.isEmpty()) {
            writeWaiting();
          }
        });
  }

  /** The people an alarm's notices reached (delivered at least once), each once: whom to tell of its acknowledgement. */
  public Future<List<Recipient>> reached(long alarmId) {
    return pool.preparedQuery("SELECT DISTINCT person::text AS person FROM notification_attempts WHERE alarm_id = $1 AND kind = 'alarm'"
            + " AND outcome = 'delivered'")
        .execute(Tuple.of(alarmId)).map(rows -> {
          List<Recipient> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new JsonObject(r.getString("person")).mapTo(Recipient.class));
          }
          return out;
        });
  }

  /** The highest roster level an alarm's notices have called so far, 0 for none. */
  public Future<Integer> highestLevel(long alarmId) {
    return pool.preparedQuery("SELECT coalesce(max(level), 0) AS level FROM notification_attempts WHERE alarm_id = $1 AND kind = 'alarm'")
        .execute(Tuple.of(alarmId)).map(rows -> rows.iterator().next().getInteger("level"));
  }

  /** An alarm's attempts, oldest first, for the API. */
  public Future<JsonArray> attempts(long alarmId) {
    return pool.preparedQuery("SELECT kind, level, recipient, channel, attempt, outcome, detail, latency_ms, since_commit_ms, at FROM notification_attempts"
            + " WHERE alarm_id = $1 ORDER BY id")
        .execute(Tuple.of(alarmId)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("kind", r.getString("kind")).put("level", r.getInteger("level"))
                .put("recipient", r.getString("recipient")).put("channel", r.getString("channel")).put("attempt", r.getInteger("attempt"))
                .put("outcome", r.getString("outcome")).put("detail", r.getString("detail")).put("latencyMs", r.getLong("latency_ms")).put("sinceCommitMs", r.getLong("since_commit_ms"))
                .put("at", SqlTime.instant(r, "at").toString()));
          }
          return out;
        });
  }
}
