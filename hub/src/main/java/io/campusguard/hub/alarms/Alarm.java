package io.campusguard.hub.alarms;

import io.campusguard.devices.Priority;
import java.time.Instant;
import java.util.Objects;

/**
 * One alarm as the hub keeps it. Immutable: {@link AlarmLifecycle} makes the next version. {@code id} is 0
 * until the database has given it one.
 */
public record Alarm(
    long id,
    String campus,
    String device,
    String type,
    Priority severity,
    AlarmState state,
    String detail,
    Instant openedAt,
    String openedEventId,
    Instant sourceTs,
    Instant lastEventAt,
    int occurrences,
    Instant sourceClearedAt,
    Instant ackedAt,
    String ackedBy,
    Instant resolvedAt,
    String resolvedBy,
    String assignee,
    String note,
    boolean late,
    long delayMs,
    int escalationLevel,
    Instant escalatedAt) {

  public Alarm {
    Objects.requireNonNull(campus, "campus");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(sourceTs, "sourceTs");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
    detail = detail == null ? "" : detail;
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  /** Copy-with for the lifecycle; package-private so only the lifecycle changes alarms. */
  static final class Builder {
    private final Alarm a;
    Priority severity;
    AlarmState state;
    Instant lastEventAt;
    int occurrences;
    Instant sourceClearedAt;
    Instant ackedAt;
    String ackedBy;
    Instant resolvedAt;
    String resolvedBy;
    String assignee;
    String note;
    int escalationLevel;
    Instant escalatedAt;

    private Builder(Alarm a) {
      this.a = a;
      severity = a.severity;
      state = a.state;
      lastEventAt = a.lastEventAt;
      occurrences = a.occurrences;
      sourceClearedAt = a.sourceClearedAt;
      ackedAt = a.ackedAt;
      ackedBy = a.ackedBy;
      resolvedAt = a.resolvedAt;
      resolvedBy = a.resolvedBy;
      assignee = a.assignee;
      note = a.note;
      escalationLevel = a.escalationLevel;
      escalatedAt = a.escalatedAt;
    }

    Alarm build() {
      return new Alarm(
          a.id, a.campus, a.device, a.type, severity, state, a.detail, a.openedAt, a.openedEventId, a.sourceTs,
          lastEventAt, occurrences, sourceClearedAt, ackedAt, ackedBy, resolvedAt, resolvedBy, assignee, note,
          a.late, a.delayMs, escalationLevel, escalatedAt);
    }
  }
}
