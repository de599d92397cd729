package io.campusguard.hub.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.Priority;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The alarm state machine as pure functions. */
class AlarmLifecycleTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

  static AlarmSignal raise(String type, Priority p) {
    return new AlarmSignal("LP-017", "LP-017-PB-03", type, p, AlarmSignal.Edge.RAISE, T0, null, "", Lateness.ON_TIME);
  }

  static AlarmSignal clear(String type, Priority p) {
    return new AlarmSignal("LP-017", "LP-017-PB-03", type, p, AlarmSignal.Edge.CLEAR, T0, null, "ok again", Lateness.ON_TIME);
  }

  /** Verifies that open → acknowledged → resolved records who, when and the note at each step. */
  @Test
  void openAcknowledgeResolve() {
    AlarmChange opened = AlarmLifecycle.open(raise(AlarmTypes.PANIC, Priority.P0), T0);
    assertThat(opened.alarm().state()).isEqualTo(AlarmState.OPEN);
    assertThat(opened.entry().action()).isEqualTo(HistoryEntry.OPENED);

    AlarmChange acked = AlarmLifecycle.acknowledge(opened.alarm(), "op-li", T0.plusSeconds(5), "calling the guard room");
    assertThat(acked.alarm().state()).isEqualTo(AlarmState.ACKNOWLEDGED);
    assertThat(acked.alarm().ackedBy()).isEqualTo("op-li");
    assertThat(acked.alarm().ackedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(acked.entry()).isEqualTo(new HistoryEntry(HistoryEntry.ACKNOWLEDGED, "op-li", T0.plusSeconds(5), "calling the guard room"));

    AlarmChange assigned = AlarmLifecycle.assign(acked.alarm(), "op-li", "op-wang", T0.plusSeconds(6));
    assertThat(assigned.alarm().assignee()).isEqualTo("op-wang");

    AlarmChange resolved = AlarmLifecycle.resolve(assigned.alarm(), "op-wang", T0.plusSeconds(60), "false alarm, pressed by a pupil");
    assertThat(resolved.alarm().state()).isEqualTo(AlarmState.RESOLVED);
    assertThat(resolved.alarm().resolvedBy()).isEqualTo("op-wang");
    assertThat(resolved.alarm().note()).isEqualTo("false alarm, pressed by a pupil");
    // the earlier steps are kept
    assertThat(resolved.alarm().ackedBy()).isEqualTo("op-li");
  }

  /** Verifies that a resolved alarm refuses further actions and an acknowledged one refuses a second ack. */
  @Test
  void illegalTransitionsAreRefused() {
    Alarm open = AlarmLifecycle.open(raise(AlarmTypes.PANIC, Priority.P0), T0).alarm();
    Alarm acked = AlarmLifecycle.acknowledge(open, "op", T0, null).alarm();
    Alarm resolved = AlarmLifecycle.resolve(acked, "op", T0, null).alarm();

    assertThatThrownBy(() -> AlarmLifecycle.acknowledge(acked, "op", T0, null)).isInstanceOf(IllegalAlarmTransition.class);
    assertThatThrownBy(() -> AlarmLifecycle.resolve(resolved, "op", T0, null)).isInstanceOf(IllegalAlarmTransition.class);
    assertThatThrownBy(() -> AlarmLifecycle.assign(resolved, "op", "x", T0)).isInstanceOf(IllegalAlarmTransition.class);
    assertThatThrownBy(() -> AlarmLifecycle.acknowledge(open, " ", T0, null)).isInstanceOf(IllegalArgumentException.class);
    // control: resolving straight from open is allowed
    assertThat(AlarmLifecycle.resolve(open, "op", T0, "handled on the phone").alarm().state()).isEqualTo(AlarmState.RESOLVED);
  }

  /** Verifies that a repeat counts and can only raise the severity; a clear resolves a P1 but not a P0. */
  @Test
  void repeatAndClear() {
    Alarm p1 = AlarmLifecycle.open(raise("gas_warn", Priority.P1), T0).alarm();
    Alarm again = AlarmLifecycle.repeat(p1, raise("gas_warn", Priority.P0), T0.plusSeconds(1)).alarm();
    assertThat(again.occurrences()).isEqualTo(2);
    assertThat(again.severity()).isEqualTo(Priority.P0);
    assertThat(AlarmLifecycle.repeat(again, raise("gas_warn", Priority.P2), T0).alarm().severity()).isEqualTo(Priority.P0);

    Alarm cleared = AlarmLifecycle.clearedBySource(p1, clear("gas_warn", Priority.P1), T0.plusSeconds(2)).alarm();
    assertThat(cleared.state()).isEqualTo(AlarmState.RESOLVED);
    assertThat(cleared.resolvedBy()).isEqualTo(AlarmLifecycle.SYSTEM);

    Alarm p0 = AlarmLifecycle.open(raise("gas_high", Priority.P0), T0).alarm();
    Alarm p0Cleared = AlarmLifecycle.clearedBySource(p0, clear("gas_high", Priority.P0), T0.plusSeconds(2)).alarm();
    assertThat(p0Cleared.state()).isEqualTo(AlarmState.OPEN);
    assertThat(p0Cleared.sourceClearedAt()).isEqualTo(T0.plusSeconds(2));
  }

  /** Verifies that a late signal opens an alarm marked late with its delay. */
  @Test
  void lateSignalOpensLateAlarm() {
    Lateness late = Lateness.of(T0, T0.plusSeconds(600), Lateness.DEFAULT_BOUND);
    AlarmSignal s = new AlarmSignal("LP-017", "LP-017-PB-03", AlarmTypes.PANIC, Priority.P0, AlarmSignal.Edge.RAISE, T0, null, "", late);
    Alarm a = AlarmLifecycle.open(s, T0.plusSeconds(600)).alarm();
    assertThat(a.late()).isTrue();
    assertThat(a.delayMs()).isEqualTo(600_000);
    // control: within the bound is on time
    assertThat(Lateness.of(T0, T0.plusSeconds(2), Lateness.DEFAULT_BOUND).late()).isFalse();
  }
}
