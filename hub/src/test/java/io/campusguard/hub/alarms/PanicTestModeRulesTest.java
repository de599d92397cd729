package io.campusguard.hub.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.hub.TestEvents;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Test mode in the alarm rules: presses in a campus's window are tests, everything else stays an emergency. */
class PanicTestModeRulesTest {
  private final Instant from = Instant.parse("2026-11-28T02:00:00Z");
  private final PanicTestWindows windows = new PanicTestWindows();
  private final AlarmRules rules = new AlarmRules(Duration.ofSeconds(30), campus -> false, windows::covers);

  PanicTestModeRulesTest() {
    windows.add(new PanicTestWindows.Window("LP-017", from, from.plus(Duration.ofMinutes(30)), "op-li"));
  }

  private AlarmSignal.Edge edgeOfPress(String campus, Instant pressedAt, Instant arrivedAt) {
    var signals = rules.signalsFor(TestEvents.event(campus, campus + "-PB-01", 1, new PanicEvent(PanicEvent.Action.PRESSED), pressedAt), arrivedAt);
    assertThat(signals).hasSize(1);
    assertThat(signals.get(0).type()).isEqualTo(AlarmTypes.PANIC);
    return signals.get(0).edge();
  }

  /** Verifies that a press inside the window is a test, and one just before or at its end is an alarm. */
  @Test
  void pressInsideTheWindowIsATest() {
    assertThat(edgeOfPress("LP-017", from.plusSeconds(60), from.plusSeconds(61))).isEqualTo(AlarmSignal.Edge.TEST);
    assertThat(edgeOfPress("LP-017", from, from)).isEqualTo(AlarmSignal.Edge.TEST);
    // control: outside the window, before and after (the window ends by itself)
    assertThat(edgeOfPress("LP-017", from.minusMillis(1), from)).isEqualTo(AlarmSignal.Edge.RAISE);
    assertThat(edgeOfPress("LP-017", from.plus(Duration.ofMinutes(30)), from.plus(Duration.ofMinutes(30)))).isEqualTo(AlarmSignal.Edge.RAISE);
  }

  /** Verifies that another campus's buttons are not in test mode. */
  @Test
  void otherCampusStillRaises() {
    assertThat(edgeOfPress("LP-042", from.plusSeconds(60), from.plusSeconds(61))).isEqualTo(AlarmSignal.Edge.RAISE);
  }

  /** Verifies that the press time decides: a test press delivered late after an outage is still a test, and a real press delivered during a window is not. */
  @Test
  void judgedByPressTimeNotArrival() {
    assertThat(edgeOfPress("LP-017", from.plusSeconds(60), from.plus(Duration.ofHours(2)))).isEqualTo(AlarmSignal.Edge.TEST);
    assertThat(edgeOfPress("LP-017", from.minus(Duration.ofMinutes(5)), from.plusSeconds(60))).isEqualTo(AlarmSignal.Edge.RAISE);
  }

  /** Verifies that tampering during a test still raises the tamper alarm. */
  @Test
  void tamperDuringTestStillRaises() {
    var tamper = rules.signalsFor(TestEvents.event("LP-017", "LP-017-PB-01", 1, new PanicEvent(PanicEvent.Action.TAMPER), from.plusSeconds(60)), from.plusSeconds(60));
    assertThat(tamper).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo(AlarmTypes.PANIC_TAMPER);
      assertThat(s.edge()).isEqualTo(AlarmSignal.Edge.RAISE);
    });
  }

  /** Verifies that a reload adds windows opened elsewhere, keeps this hub's own, forgets old ones, and that an empty window is refused. */
  @Test
  void reloadMergesAndForgets() {
    var elsewhere = new PanicTestWindows.Window("LP-042", from, from.plusSeconds(600), "op-wang");
    windows.refresh(java.util.List.of(elsewhere), from.minus(Duration.ofDays(7)));
    assertThat(windows.covers("LP-042", from.plusSeconds(60))).isTrue();
    assertThat(windows.covers("LP-017", from.plusSeconds(60))).isTrue();
    assertThat(windows.openAt("LP-017", from.plusSeconds(60))).map(PanicTestWindows.Window::startedBy).contains("op-li");
    windows.refresh(java.util.List.of(elsewhere), from.plus(Duration.ofHours(1)));
    assertThat(windows.covers("LP-017", from.plusSeconds(60))).isFalse();
    assertThatThrownBy(() -> new PanicTestWindows.Window("LP-017", from, from, "op")).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Verifies that a window ended early judges presses by its new end at once, that a reload of the old (longer)
   * copy read before the end was stored does not bring the old end back, and that a press before the end stays a test.
   */
  @Test
  void endedEarlyWindowStaysEndedThroughReloads() {
    PanicTestWindows.Window original = new PanicTestWindows.Window("LP-017", from, from.plus(Duration.ofMinutes(30)), "op-li");
    Instant endedAt = from.plusSeconds(300);
    // control: before the end, the whole half hour is test mode
    assertThat(edgeOfPress("LP-017", from.plusSeconds(600), from.plusSeconds(600))).isEqualTo(AlarmSignal.Edge.TEST);

    windows.endAt("LP-017", endedAt);
    assertThat(windows.openAt("LP-017", endedAt)).isEmpty();
    assertThat(edgeOfPress("LP-017", from.plusSeconds(600), from.plusSeconds(600))).isEqualTo(AlarmSignal.Edge.RAISE);
    assertThat(edgeOfPress("LP-017", from.plusSeconds(299), from.plusSeconds(600))).isEqualTo(AlarmSignal.Edge.TEST);

    // a stale reload (the long copy) changes nothing; a fresh one (the short copy) changes nothing either
    windows.refresh(java.util.List.of(original), from.minus(Duration.ofDays(7)));
    assertThat(windows.covers("LP-017", from.plusSeconds(600))).isFalse();
    windows.refresh(java.util.List.of(original.endedAt(endedAt)), from.minus(Duration.ofDays(7)));
    assertThat(windows.covers("LP-017", from.plusSeconds(600))).isFalse();
    assertThat(windows.covers("LP-017", from.plusSeconds(299))).isTrue();
    // another hub learns the end from its reload alone
    PanicTestWindows other = new PanicTestWindows();
    other.add(original);
    other.refresh(java.util.List.of(original.endedAt(endedAt)), from.minus(Duration.ofDays(7)));
    assertThat(other.covers("LP-017", from.plusSeconds(600))).isFalse();
    // ended in its first instant, it still covers that instant
    assertThat(original.endedAt(from).covers(from)).isTrue();
  }

  /** Verifies quarters are counted in China time. */
  @Test
  void quarterInChinaTime() {
    // 23:30 UTC on 30 September is 07:30 on 1 October in Lianping.
    assertThat(Quarter.of(Instant.parse("2026-09-30T23:30:00Z"))).hasToString("2026-Q4");
    assertThat(Quarter.of(Instant.parse("2026-09-30T15:59:59Z"))).hasToString("2026-Q3");
    assertThat(new Quarter(2026, 4).start()).isEqualTo(Instant.parse("2026-09-30T16:00:00Z"));
  }
}
