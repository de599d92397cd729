package io.campusguard.hub.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escalation timers, driven by explicit times instead of waiting. */
class EscalationTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
  private final Escalation escalation =
      new Escalation(Map.of(), new Escalation.Policy(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)));

  /** Verifies that an unacknowledged alarm is reminded, raised, then passed up, each once and in order. */
  @Test
  void stepsInOrderEachOnce() {
    Alarm a = AlarmLifecycle.open(AlarmLifecycleTest.raise("camera_offline", Priority.P1), T0).alarm();

    assertThat(escalation.due(a, T0.plusSeconds(29))).isEmpty();
    Escalation.Step remind = escalation.due(a, T0.plusSeconds(30)).orElseThrow();
    assertThat(remind).isEqualTo(new Escalation.Step(1, Escalation.Action.REMIND));
    a = AlarmLifecycle.escalate(a, remind, T0.plusSeconds(30)).alarm();
    assertThat(a.severity()).isEqualTo(Priority.P1);
    assertThat(escalation.due(a, T0.plusSeconds(45))).isEmpty();

    Escalation.Step raise = escalation.due(a, T0.plusSeconds(61)).orElseThrow();
    assertThat(raise.action()).isEqualTo(Escalation.Action.RAISE_SEVERITY);
    a = AlarmLifecycle.escalate(a, raise, T0.plusSeconds(61)).alarm();
    assertThat(a.severity()).isEqualTo(Priority.P0);

    Escalation.Step notify = escalation.due(a, T0.plusSeconds(500)).orElseThrow();
    assertThat(notify).isEqualTo(new Escalation.Step(3, Escalation.Action.NOTIFY_NEXT_LEVEL));
    a = AlarmLifecycle.escalate(a, notify, T0.plusSeconds(500)).alarm();
    assertThat(escalation.due(a, T0.plusSeconds(100_000))).isEmpty();
  }

  /** Verifies that an acknowledged alarm does not escalate. */
  @Test
  void acknowledgedAlarmDoesNotEscalate() {
    Alarm a = AlarmLifecycle.open(AlarmLifecycleTest.raise("camera_offline", Priority.P1), T0).alarm();
    Alarm acked = AlarmLifecycle.acknowledge(a, "op", T0.plusSeconds(10), null).alarm();
    assertThat(escalation.due(acked, T0.plusSeconds(1_000))).isEmpty();
    // control: the same alarm unacknowledged would
    assertThat(escalation.due(a, T0.plusSeconds(1_000))).isPresent();
  }

  /** Verifies that the defaults escalate a panic alarm faster than others. */
  @Test
  void panicEscalatesFasterByDefault() {
    Escalation d = Escalation.defaults();
    assertThat(d.policyFor(AlarmTypes.PANIC).remindAfter()).isLessThan(d.policyFor("cold_store_high").remindAfter());
  }
}
