package io.campusguard.gateway.rules;

import static io.campusguard.gateway.rules.Messages.alarms;
import static io.campusguard.gateway.rules.Messages.camera;
import static io.campusguard.gateway.rules.Messages.coldStore;
import static io.campusguard.gateway.rules.Messages.heartbeat;
import static io.campusguard.gateway.rules.Messages.nvr;
import static io.campusguard.gateway.rules.Messages.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CameraStatus.State;
import io.campusguard.devices.body.CanteenReading.Quantity;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.profile.DeviceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRulesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));

  private LocalRules rules(LocalRulesConfig config) {
    return new LocalRules(config, clock);
  }

  /** Sends one cold-store reading a minute, as now; returns every emission. */
  private List<Emission> coldStoreEveryMinute(LocalRules rules, double... values) {
    List<Emission> out = new ArrayList<>();
    for (double v : values) {
      clock.advance(Duration.ofMinutes(1));
      out.addAll(rules.onMessage(coldStore(v, clock.instant())).emissions());
      out.addAll(rules.onTick());
    }
    return out;
  }

  @Test
  void coldStoreAboveEightForTenMinutesRaisesOnceAndClearsOnceAfterTwoMinutesBelowSeven() {
    LocalRules rules = rules(LocalRulesConfig.defaults("LP-017"));
    // given 9 °C for 9 minutes: not yet
    assertThat(alarms(coldStoreEveryMinute(rules, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9))).isEmpty();
    // when it holds a tenth minute, then one raise; more minutes above repeat nothing
    List<Emission> raised = coldStoreEveryMinute(rules, 9.5, 9, 9, 9);
    assertThat(alarms(raised)).containsExactly("LP-017-CS-01 cold_store_high RAISED");
    LocalAlarm alarm = (LocalAlarm) raised.stream().filter(Emission::isLocalAlarm).findFirst().orElseThrow()
        .message().body();
    assertThat(alarm.value()).isEqualTo(9.5);
    // 7.5 is inside the band: no clear however long
    assertThat(alarms(coldStoreEveryMinute(rules, 7.5, 7.5, 7.5, 7.5, 7.5))).isEmpty();
    // below 7 for one minute: not yet; for two: cleared once
    assertThat(alarms(coldStoreEveryMinute(rules, 6.5, 6.5))).isEmpty();
    assertThat(alarms(coldStoreEveryMinute(rules, 6.5))).containsExactly("LP-017-CS-01 cold_store_high CLEARED");
    assertThat(alarms(coldStoreEveryMinute(rules, 6, 5, 4))).isEmpty();
  }

  @Test
  void thresholdRaisesOnTheTimerBetweenReadingsAtTheExactMoment() {
    LocalRules rules = rules(LocalRulesConfig.defaults("LP-017"));
    Instant start = clock.instant();
    rules.onMessage(coldStore(9, start));
    // the sensor then stays quiet within its silence limit (4 minutes) but readings every 3 minutes are 9 °C
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(3));
      assertThat(alarms(rules.onMessage(coldStore(9, clock.instant())).emissions())).isEmpty();
    }
    assertThat(rules.nextDeadline()).contains(start.plus(Duration.ofMinutes(10)));
    clock.set(start.plus(Duration.ofMinutes(10)));
    List<Emission> tick = rules.onTick();
    assertThat(alarms(tick)).containsExactly("LP-017-CS-01 cold_store_high RAISED");
    assertThat(tick.get(0).message().sourceTs()).isEqualTo(start.plus(Duration.ofMinutes(10)));
  }

  @Test
  void gasAboveTenPercentRaisesAtOnceWithZeroDuration() {
    LocalRules rules = rules(LocalRulesConfig.defaults("LP-017"));
    RuleOutcome o = rules.onMessage(reading("LP-017-GAS-01", Quantity.GAS_CONCENTRATION, 12, clock.instant()));
    assertThat(o.forwarded()).isTrue();
    assertThat(alarms(o.emissions())).containsExactly("LP-017-GAS-01 gas_high RAISED");
    assertThat(o.emissions().get(0).message().body().kind()).isEqualTo(EventKind.CANTEEN);
  }

  @Test
  void heartbeatIsConsumedButKeepsTheDeviceAlive() {
    LocalRules rules =
        rules(LocalRulesConfig.defaults("LP-017")
            .withDevices(List.of(SupervisedDevice.of("LP-017-PB-01", DeviceType.PANIC_BUTTON, null))));
    // control: the panic button's limit is 90 s from the start
    assertThat(rules.nextDeadline()).contains(clock.instant().plusSeconds(90));
    clock.advance(Duration.ofSeconds(60));
    RuleOutcome o = rules.onMessage(heartbeat("LP-017-PB-01", EventKind.PANIC, clock.instant()));
    assertThat(o.forwarded()).isFalse();
    assertThat(o.emissions()).isEmpty();
    assertThat(rules.nextDeadline()).contains(clock.instant().plusSeconds(90));
    assertThat(rules.counters().heartbeatsConsumed()).isEqualTo(1);
  }

  @Test
  void silentDeviceRaisesDeviceOfflineOnceAtItsDeadlineAndItsNextMessageClearsIt() {
    LocalRules rules =
        rules(LocalRulesConfig.defaults("LP-017")
            .withDevices(List.of(SupervisedDevice.of("LP-017-PB-01", DeviceType.PANIC_BUTTON, null))));
    Instant start = clock.instant();
    clock.advance(Duration.ofSeconds(89));
    assertThat(rules.onTick()).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    List<Emission> raised = rules.onTick();
    assertThat(alarms(raised)).containsExactly("LP-017-PB-01 device_offline RAISED");
    assertThat(raised.get(0).message().sourceTs()).isEqualTo(start.plusSeconds(90));
    clock.advance(Duration.ofMinutes(10));
    assertThat(rules.onTick()).isEmpty();
    assertThat(rules.nextDeadline()).isEmpty();
    RuleOutcome back = rules.onMessage(heartbeat("LP-017-PB-01", EventKind.PANIC, clock.instant()));
    assertThat(alarms(back.emissions())).containsExactly("LP-017-PB-01 device_offline CLEARED");
  }

  @Test
  void silentNvrRaisesOneParentOfflineAndNoCameraAlarmsAndCamerasRecoverWithIt() {
    LocalRules rules = rules(LocalRulesConfig.defaults("LP-017").withDebounceWindow(Duration.ZERO));
    String nvrId = "LP-017-NVR-01";
    for (int i = 1; i <= 5; i++) {
      rules.onMessage(camera("LP-017-CAM-0" + i, State.ONLINE, nvrId, clock.instant()));
    }
    rules.onMessage(nvr(nvrId, clock.instant()));
    // when everything behind the NVR goes quiet for ten minutes, ticking at every deadline
    List<Emission> out = new ArrayList<>();
    Instant end = clock.instant().plus(Duration.ofMinutes(10));
    while (rules.nextDeadline().isPresent() && !rules.nextDeadline().get().isAfter(end)) {
      clock.set(rules.nextDeadline().get());
      out.addAll(rules.onTick());
    }
    assertThat(alarms(out)).containsExactly(nvrId + " parent_offline RAISED");
    // when the NVR is back, its alarm clears and the cameras get a fresh limit instead of five alarms
    clock.set(end);
    assertThat(alarms(rules.onMessage(nvr(nvrId, clock.instant())).emissions()))
        .containsExactly(nvrId + " parent_offline CLEARED");
    assertThat(rules.onTick()).isEmpty();
    // camera 5 stays silent while the NVR and the other cameras keep reporting: its own alarm, once
    List<Emission> later = new ArrayList<>();
    for (int s = 0; s < 400; s += 30) {
      clock.advance(Duration.ofSeconds(30));
      later.addAll(rules.onMessage(nvr(nvrId, clock.instant())).emissions());
      for (int i = 1; i <= 4; i++) {
        later.addAll(rules.onMessage(camera("LP-017-CAM-0" + i, State.ONLINE, nvrId, clock.instant())).emissions());
      }
      later.addAll(rules.onTick());
    }
    assertThat(alarms(later)).containsExactly("LP-017-CAM-05 device_offline RAISED");
  }

  @Test
  void configuredSwitchIsTheParentOfItsDevices() {
    LocalRules rules =
        rules(LocalRulesConfig.defaults("LP-017")
            .withDevices(
                List.of(
                    SupervisedDevice.parent("LP-017-SW-01", Duration.ofSeconds(60)),
                    SupervisedDevice.of("LP-017-PB-01", DeviceType.PANIC_BUTTON, "LP-017-SW-01"),
                    SupervisedDevice.of("LP-017-PB-02", DeviceType.PANIC_BUTTON, "LP-017-SW-01"))));
    clock.advance(Duration.ofMinutes(5));
    assertThat(alarms(rules.onTick())).containsExactly("LP-017-SW-01 parent_offline RAISED");
  }

  @Test
  void eventOlderThanTheLateBoundIsMarkedLateWithItsDelay() {
    LocalRules rules = rules(LocalRulesConfig.defaults("LP-017"));
    Instant now = clock.instant();
    Emission live = rules.onMessage(coldStore(4, now.minusSeconds(2))).emissions().get(0);
    assertThat(live.isLate()).isFalse();
    assertThat(live.lateBy()).isEqualTo(Duration.ZERO);
    Emission late = rules.onMessage(coldStore(4, now.minus(Duration.ofMinutes(30)))).emissions().get(0);
    assertThat(late.isLate()).isTrue();
    assertThat(late.lateBy()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void readingsReplayedAfterAnOutageAreJudgedOnTheirOwnTimeline() {
    LocalRules rules = rules(LocalRulesConfig.defaults("LP-017"));
    clock.advance(Duration.ofHours(1));
    List<Emission> out = new ArrayList<>();
    // twelve minutes of 9 °C from an hour ago arrive at once
    for (int m = 0; m <= 12; m++) {
      Instant ts = clock.instant().minus(Duration.ofMinutes(60 - m));
      out.addAll(rules.onMessage(coldStore(9, ts)).emissions());
    }
    List<Emission> alarmEmissions = out.stream().filter(Emission::isLocalAlarm).toList();
    assertThat(alarms(alarmEmissions)).containsExactly("LP-017-CS-01 cold_store_high RAISED");
    assertThat(alarmEmissions.get(0).isLate()).isTrue();
    assertThat(alarmEmissions.get(0).message().sourceTs()).isEqualTo(clock.instant().minus(Duration.ofMinutes(50)));
  }

  @Test
  void flappingCameraGivesOneStateChangeAfterItSettles() {
    LocalRules rules = rules(LocalRulesConfig.defaults("LP-017")); // 10 s window
    String cam = "LP-017-CAM-01";
    assertThat(rules.onMessage(camera(cam, State.ONLINE, null, clock.instant())).forwarded()).isTrue();
    List<DeviceMessage> passed = new ArrayList<>();
    for (int i = 0; i < 20; i++) { // toggles every 3 s for a minute, ending offline
      clock.advance(Duration.ofSeconds(3));
      State s = i % 2 == 0 ? State.OFFLINE : State.ONLINE;
      rules.onMessage(camera(cam, i == 19 ? State.OFFLINE : s, null, clock.instant()))
          .emissions().forEach(e -> passed.add(e.message()));
    }
    assertThat(passed).isEmpty();
    clock.set(rules.nextDeadline().orElseThrow());
    rules.onTick().forEach(e -> passed.add(e.message()));
    assertThat(passed).hasSize(1);
    assertThat(passed.get(0).body()).hasFieldOrPropertyWithValue("state", State.OFFLINE);
    // a flap away and back within the window passes nothing; a repeat of the settled state passes at once
    clock.advance(Duration.ofSeconds(30));
    assertThat(rules.onMessage(camera(cam, State.ONLINE, null, clock.instant())).forwarded()).isFalse();
    clock.advance(Duration.ofSeconds(2));
    assertThat(rules.onMessage(camera(cam, State.OFFLINE, null, clock.instant())).forwarded()).isFalse();
    clock.advance(Duration.ofSeconds(10));
    assertThat(rules.onTick()).isEmpty();
    assertThat(rules.onMessage(camera(cam, State.OFFLINE, null, clock.instant())).forwarded()).isTrue();
  }

  @Test
  void doorContactIsDebouncedAndAPanicButtonNever() {
    LocalRules rules = rules(LocalRulesConfig.defaults("LP-017"));
    rules.onMessage(reading("LP-017-DOOR-01", Quantity.DOOR_OPEN, 0, clock.instant()));
    clock.advance(Duration.ofSeconds(1));
    assertThat(rules.onMessage(reading("LP-017-DOOR-01", Quantity.DOOR_OPEN, 1, clock.instant())).forwarded())
        .isFalse();
    DeviceMessage pressed =
        new DeviceMessage(
            "LP-017", "LP-017-PB-01", EventKind.PANIC, clock.instant(),
            new io.campusguard.devices.body.PanicEvent(io.campusguard.devices.body.PanicEvent.Action.PRESSED));
    assertThat(rules.onMessage(pressed).forwarded()).isTrue();
    assertThat(rules.onMessage(pressed).forwarded()).isTrue();
  }

  @Test
  void configRefusesALateBoundNotAboveTheDebounceWindowNamingTheField() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new LocalRulesConfig("LP-017", Duration.ofSeconds(30), Duration.ofSeconds(30), 10, false,
                List.of(), java.util.Map.of()))
        .hasMessageStartingWith("lateAfter:");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new LocalRules(LocalRulesConfig.defaults("LP-017")
                .withDevices(List.of(SupervisedDevice.of("LP-017-PB-01", DeviceType.PANIC_BUTTON, "LP-017-SW-09"))),
                clock))
        .hasMessageStartingWith("devices:");
  }

  @Test
  void devicesPastTheBoundAndOfUnknownTypeArePassedOnUnjudgedAndCounted() {
    LocalRulesConfig config = new LocalRulesConfig(
        "LP-017", Duration.ofSeconds(10), Duration.ofSeconds(60), 2, false, List.of(), java.util.Map.of());
    LocalRules rules = rules(config);
    rules.onMessage(coldStore(4, clock.instant()));
    rules.onMessage(reading("LP-017-FZ-01", Quantity.FREEZER_TEMPERATURE, -20, clock.instant()));
    RuleOutcome third = rules.onMessage(reading("LP-017-GAS-09", Quantity.GAS_CONCENTRATION, 1, clock.instant()));
    assertThat(third.forwarded()).isTrue();
    // a camera heartbeat alone does not say camera or NVR: consumed, not supervised
    RuleOutcome hb = rules.onMessage(heartbeat("LP-017-CAM-77", EventKind.CAMERA, clock.instant()));
    assertThat(hb.forwarded()).isFalse();
    assertThat(rules.counters().unjudged()).isEqualTo(2);
    // only the two tracked devices are supervised
    clock.advance(Duration.ofHours(1));
    assertThat(alarms(rules.onTick())).containsExactlyInAnyOrder(
        "LP-017-CS-01 device_offline RAISED", "LP-017-FZ-01 device_offline RAISED");
  }

  @Test
  void childrenOfASlowerParentWaitForItsVerdictInsteadOfRaisingEach() {
    LocalRules rules =
        rules(LocalRulesConfig.defaults("LP-017")
            .withDevices(
                List.of(
                    SupervisedDevice.parent("LP-017-SW-01", Duration.ofSeconds(300)),
                    SupervisedDevice.of("LP-017-PB-01", DeviceType.PANIC_BUTTON, "LP-017-SW-01"),
                    SupervisedDevice.of("LP-017-PB-02", DeviceType.PANIC_BUTTON, "LP-017-SW-01"),
                    SupervisedDevice.of("LP-017-PB-03", DeviceType.PANIC_BUTTON, null))));
    Instant t0 = clock.instant();
    // the switch and everything behind it fall silent together; PB-03 is on another path and falls silent too
    List<Emission> out = new ArrayList<>();
    while (rules.nextDeadline().isPresent() && !rules.nextDeadline().get().isAfter(t0.plusSeconds(400))) {
      clock.set(rules.nextDeadline().get());
      out.addAll(rules.onTick());
    }
    assertThat(alarms(out)).containsExactly(
        "LP-017-PB-03 device_offline RAISED", "LP-017-SW-01 parent_offline RAISED");
    assertThat(out.get(0).message().sourceTs()).isEqualTo(t0.plusSeconds(90));
    assertThat(out.get(1).message().sourceTs()).isEqualTo(t0.plusSeconds(300));
  }

  @Test
  void aChildThatFallsSilentWhileItsParentIsHeardRaisesOnTime() {
    LocalRules rules =
        rules(LocalRulesConfig.defaults("LP-017")
            .withDevices(
                List.of(
                    SupervisedDevice.parent("LP-017-SW-01", Duration.ofSeconds(300)),
                    SupervisedDevice.of("LP-017-PB-01", DeviceType.PANIC_BUTTON, "LP-017-SW-01"))));
    Instant t0 = clock.instant();
    List<Emission> out = new ArrayList<>();
    for (int s = 10; s <= 120; s += 10) {
      clock.set(t0.plusSeconds(s));
      out.addAll(rules.onMessage(heartbeat("LP-017-SW-01", EventKind.CAMERA, clock.instant())).emissions());
      out.addAll(rules.onTick());
    }
    assertThat(alarms(out)).containsExactly("LP-017-PB-01 device_offline RAISED");
    assertThat(out.stream().filter(Emission::isLocalAlarm).findFirst().orElseThrow().message().sourceTs())
        .isEqualTo(t0.plusSeconds(90));
  }
}
