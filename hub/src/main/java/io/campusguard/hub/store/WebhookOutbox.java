package io.campusguard.hub.store;

import io.campusguard.devices.Priority;
import io.campusguard.hub.alarms.AlarmChange;
import io.campusguard.hub.alarms.HistoryEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The city/province hand-off, written in the same transaction as the alarm change it reports (a transactional
 * outbox: a change is never committed without its delivery, nor reported without being committed). Only P0
 * alarms and their state changes go upstream; repeats of an alarm already reported do not. The idempotency key
 * is fixed per change, so a receiver that sees a retry can drop it.
 */
public final class WebhookOutbox {
  private final String url;

  public WebhookOutbox(String url) {
    this.url = url;
  }

  static boolean reported(AlarmChange c) {
    return c.alarm().severity() == Priority.P0 && !HistoryEntry.REPEATED.equals(c.entry().action());
  }

  Future<Void> enqueue(SqlConnection conn, AlarmChange c) {
    if (!reported(c)) {
      return Future.succeededFuture();
    }
    Instant at = c.entry().at();
    String key = "cg-alarm-" + c.alarm().id() + "-" + c.entry().action() + "-" + ChronoUnit.MICROS.between(Instant.EPOCH, at);
    JsonObject payload = new JsonObject()
        .put("idempotencyKey", key)
        .put("alarm", AlarmRows.json(c.alarm()))
        .put("change", AlarmRows.json(c.entry()));
    return conn.preparedQuery("INSERT INTO webhook_deliveries (alarm_id, idempotency_key, url, payload, status, next_attempt_at)"
            + " VALUES ($1, $2, $3, $4, 'pending', $5) ON CONFLICT (idempotency_key) DO NOTHING")
        .execute(Tuple.of(c.alarm().id(), key, url, payload, SqlTime.odt(at)))
        .mapEmpty();
  }
}
