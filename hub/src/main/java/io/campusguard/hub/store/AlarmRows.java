package io.campusguard.hub.store;

import io.campusguard.devices.Priority;
import io.campusguard.hub.alarms.Alarm;
import io.campusguard.hub.alarms.AlarmState;
import io.campusguard.hub.alarms.HistoryEntry;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/** Alarms between rows, tuples and JSON: the one place that knows the column and field names. */
public final class AlarmRows {
  static final String COLUMNS =
      "id, campus_id, device_id, type, severity, state, detail, opened_at, opened_event_id, source_ts, last_event_at,"
          + " occurrences, source_cleared_at, acked_at, acked_by, resolved_at, resolved_by, assignee, note, late, delay_ms,"
          + " escalation_level, escalated_at";

  static final String INSERT =
      "INSERT INTO alarms (campus_id, device_id, type, severity, state, detail, opened_at, opened_event_id, source_ts,"
          + " last_event_at, occurrences, late, delay_ms)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
          + " ON CONFLICT (campus_id, device_id, type) WHERE state <> 'resolved' DO NOTHING RETURNING " + COLUMNS;

  static final String UPDATE =
      "UPDATE alarms SET severity = $2, state = $3, last_event_at = $4, occurrences = $5, source_cleared_at = $6,"
          + " acked_at = $7, acked_by = $8, resolved_at = $9, resolved_by = $10, assignee = $11, note = $12,"
          + " escalation_level = $13, escalated_at = $14 WHERE id = $1";

  private AlarmRows() {}

  static Alarm from(Row r) {
    UUID opened = r.getUUID("opened_event_id");
    return new Alarm(
        r.getLong("id"), r.getString("campus_id"), r.getString("device_id"), r.getString("type"),
        Priority.valueOf(r.getString("severity")), AlarmState.fromWire(r.getString("state")).orElseThrow(),
        r.getString("detail"), SqlTime.instant(r, "opened_at"), opened == null ? null : opened.toString(),
        SqlTime.instant(r, "source_ts"), SqlTime.instant(r, "last_event_at"), r.getInteger("occurrences"),
        SqlTime.instant(r, "source_cleared_at"), SqlTime.instant(r, "acked_at"), r.getString("acked_by"),
        SqlTime.instant(r, "resolved_at"), r.getString("resolved_by"), r.getString("assignee"), r.getString("note"),
        r.getBoolean("late"), r.getLong("delay_ms"), r.getInteger("escalation_level"), SqlTime.instant(r, "escalated_at"));
  }

  static Tuple insert(Alarm a) {
    return Tuple.tuple()
        .addValue(a.campus()).addValue(a.device()).addValue(a.type()).addValue(a.severity().name())
        .addValue(a.state().wireName()).addValue(a.detail()).addValue(SqlTime.odt(a.openedAt()))
        .addValue(a.openedEventId() == null ? null : UUID.fromString(a.openedEventId())).addValue(SqlTime.odt(a.sourceTs()))
        .addValue(SqlTime.odt(a.lastEventAt())).addValue(a.occurrences()).addValue(a.late()).addValue(a.delayMs());
  }

  static Tuple update(Alarm a) {
    return Tuple.tuple()
        .addValue(a.id()).addValue(a.severity().name()).addValue(a.state().wireName()).addValue(SqlTime.odt(a.lastEventAt()))
        .addValue(a.occurrences()).addValue(SqlTime.odt(a.sourceClearedAt())).addValue(SqlTime.odt(a.ackedAt()))
        .addValue(a.ackedBy()).addValue(SqlTime.odt(a.resolvedAt())).addValue(a.resolvedBy()).addValue(a.assignee())
        .addValue(a.note()).addValue(a.escalationLevel()).addValue(SqlTime.odt(a.escalatedAt()));
  }

  public static JsonObject json(Alarm a) {
    return new JsonObject()
        .put("id", a.id())
        .put("campus", a.campus())
        .put("device", a.device())
        .put("type", a.type())
        .put("severity", a.severity().name())
        .put("state", a.state().wireName())
        .put("detail", a.detail())
        .put("openedAt", text(a.openedAt()))
        .put("sourceTs", text(a.sourceTs()))
        .put("lastEventAt", text(a.lastEventAt()))
        .put("occurrences", a.occurrences())
        .put("sourceClearedAt", text(a.sourceClearedAt()))
        .put("ackedAt", text(a.ackedAt()))
        .put("ackedBy", a.ackedBy())
        .put("resolvedAt", text(a.resolvedAt()))
        .put("resolvedBy", a.resolvedBy())
        .put("assignee", a.assignee())
        .put("note", a.note())
        .put("late", a.late())
        .put("delayMs", a.delayMs())
        .put("escalationLevel", a.escalationLevel());
  }

  public static JsonObject json(HistoryEntry h) {
    return new JsonObject().put("action", h.action()).put("actor", h.actor()).put("at", text(h.at())).put("note", h.note());
  }

  static String text(Instant i) {
    return i == null ? null : i.toString();
  }
}
