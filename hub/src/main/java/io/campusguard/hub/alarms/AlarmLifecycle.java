package io.campusguard.hub.alarms;

import io.campusguard.devices.Priority;
import java.time.Instant;
import java.util.Objects;

/**
 * The alarm state machine: open → acknowledged → resolved (resolving straight from open is allowed: an
 * operator who handled it at once should not have to click twice). Every step names who and when and returns
 * the history line to store with it. Pure functions; the store persists what they return.
 */
public final class AlarmLifecycle {
  /** The actor for what the hub does by itself (source cleared, escalation, link restored). */
  public static final String SYSTEM = "system";
  public static final int MAX_NOTE_LENGTH = 2_000;

  private AlarmLifecycle() {}

  /** A new open alarm from a raise signal. */
  public static AlarmChange open(AlarmSignal s, Instant now) {
    requireEdge(s, AlarmSignal.Edge.RAISE);
    Alarm a =
        new Alarm(
            0, s.campus(), s.device(), s.type(), s.severity(), AlarmState.OPEN, s.detail(), now, s.eventId(),
            s.sourceTs(), now, 1, null, null, null, null, null, null, null, s.lateness().late(),
            s.lateness().delayMs(), 0, null);
    String note = s.lateness().late() ? "late by " + s.lateness().delayMs() + " ms" : null;
    return new AlarmChange(a, new HistoryEntry(HistoryEntry.OPENED, SYSTEM, now, note));
  }

  /**
   * The same condition raised again while its alarm is active: one alarm, counted again, its severity raised if
   * the new signal is more severe. This is also how a lost race for the unique index ends.
   */
  public static AlarmChange repeat(Alarm a, AlarmSignal s, Instant now) {
    requireEdge(s, AlarmSignal.Edge.RAISE);
    requireActive(a, "repeat");
    Alarm.Builder b = a.toBuilder();
    b.occurrences = a.occurrences() + 1;
    b.lastEventAt = now;
    b.sourceClearedAt = null;
    if (s.severity().ordinal() < a.severity().ordinal()) {
      b.severity = s.severity();
    }
    return new AlarmChange(b.build(), new HistoryEntry(HistoryEntry.REPEATED, SYSTEM, now, null));
  }

  public static AlarmChange acknowledge(Alarm a, String actor, Instant now, String note) {
    requireActor(actor);
    if (a.state() != AlarmState.OPEN) {
      throw new IllegalAlarmTransition("alarm " + a.id() + " is " + a.state().wireName() + ", not open");
    }
    Alarm.Builder b = a.toBuilder();
    b.state = AlarmState.ACKNOWLEDGED;
    b.ackedAt = now;
    b.ackedBy = actor;
    if (note != null) {
      b.note = checkNote(note);
    }
    return new AlarmChange(b.build(), new HistoryEntry(HistoryEntry.ACKNOWLEDGED, actor, now, note));
  }

  public static AlarmChange assign(Alarm a, String actor, String assignee, Instant now) {
    requireActor(actor);
    requireActor(assignee);
    requireActive(a, "assign");
    Alarm.Builder b = a.toBuilder();
    b.assignee = assignee;
    return new AlarmChange(b.build(), new HistoryEntry(HistoryEntry.ASSIGNED, actor, now, "to " + assignee));
  }

  public static AlarmChange resolve(Alarm a, String actor, Instant now, String note) {
    requireActor(actor);
    requireActive(a, "resolve");
    Alarm.Builder b = a.toBuilder();
    b.state = AlarmState.RESOLVED;
    b.resolvedAt = now;
    b.resolvedBy = actor;
    if (note != null) {
      b.note = checkNote(note);
    }
    return new AlarmChange(b.build(), new HistoryEntry(HistoryEntry.RESOLVED, actor, now, note));
  }

  /**
   * The source says the condition is over. A P0 alarm stays until a person has dealt with it (a gas reading
   * that dropped does not mean nobody must look); it only records that the source cleared. Others resolve by
   * themselves.
   */
  public static AlarmChange clearedBySource(Alarm a, AlarmSignal s, Instant now) {
    requireEdge(s, AlarmSignal.Edge.CLEAR);
    requireActive(a, "clear");
    if (a.severity() == Priority.P0) {
      Alarm.Builder b = a.toBuilder();
      b.sourceClearedAt = now;
      return new AlarmChange(b.build(), new HistoryEntry(HistoryEntry.SOURCE_CLEARED, SYSTEM, now, s.detail()));
    }
    return resolve(a, SYSTEM, now, s.detail().isEmpty() ? "cleared by source" : s.detail());
  }

  /** Applies an escalation step decided by {@link Escalation}. */
  public static AlarmChange escalate(Alarm a, Escalation.Step step, Instant now) {
    if (a.state() != AlarmState.OPEN) {
      throw new IllegalAlarmTransition("alarm " + a.id() + " is " + a.state().wireName() + ", only open alarms escalate");
    }
    Alarm.Builder b = a.toBuilder();
    b.escalationLevel = step.level();
    b.escalatedAt = now;
    if (step.action() == Escalation.Action.RAISE_SEVERITY && a.severity() != Priority.P0) {
      b.severity = Priority.values()[a.severity().ordinal() - 1];
    }
    return new AlarmChange(b.build(), new HistoryEntry(HistoryEntry.ESCALATED, SYSTEM, now, step.action().wireName()));
  }

  private static void requireEdge(AlarmSignal s, AlarmSignal.Edge edge) {
    if (s.edge() != edge) {
      throw new IllegalArgumentException("signal: expected " + edge + ", got " + s.edge());
    }
  }

  private static void requireActive(Alarm a, String what) {
    if (!a.state().isActive()) {
      throw new IllegalAlarmTransition("alarm " + a.id() + " is resolved: cannot " + what);
    }
  }

  private static void requireActor(String actor) {
    Objects.requireNonNull(actor, "actor");
    if (actor.isBlank() || actor.length() > 64) {
      throw new IllegalArgumentException("actor: blank or longer than 64");
    }
  }

  private static String checkNote(String note) {
    if (note.length() > MAX_NOTE_LENGTH) {
      throw new IllegalArgumentException("note: longer than " + MAX_NOTE_LENGTH);
    }
    return note;
  }
}
