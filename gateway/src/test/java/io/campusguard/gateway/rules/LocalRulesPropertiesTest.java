package io.campusguard.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.LocalAlarm.Transition;
import io.campusguard.devices.profile.DeviceProfile;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.profile.Threshold;
import io.campusguard.devices.profile.Threshold.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Property-style tests: time is a mutable clock driven by generated steps; nothing sleeps. */
class LocalRulesPropertiesTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
  private static final Threshold COLD =
      new Threshold("cold_store_high", Direction.ABOVE, 8.0, 7.0, Duration.ofMinutes(10), Duration.ofMinutes(2));

  /** One step of a sensor: wait this many seconds, then report this value (tenths of a degree). */
  record Step(int waitSeconds, int tenths, boolean tickFirst) {
    double value() {
      return tenths / 10.0;
    }
  }

  record Observed(Instant at, double value) {}

  private static LocalRulesConfig coldStoreConfig() {
    // a long reporting interval, so liveness does not interfere with the thresholds under test
    DeviceProfile profile = new DeviceProfile(DeviceType.COLD_STORE_SENSOR, Priority.P2, Duration.ofDays(1), 1, List.of(COLD));
    return new LocalRulesConfig(
        "LP-017", Duration.ZERO.plusSeconds(1), Duration.ofMinutes(5), 100, false, List.of(),
        Map.of(DeviceType.COLD_STORE_SENSOR, profile));
  }

  private static Gen<List<Step>> steps(int minTenths, int maxTenths) {
    Gen<Step> step =
        integers().between(1, 240).zip(integers().between(minTenths, maxTenths), booleans().all(), Step::new);
    return lists().of(step).ofSizeBetween(1, 120);
  }

  /** Runs the steps, ticking at every deadline on the way; returns the alarm emissions. */
  private static List<DeviceMessage> runColdStore(List<Step> steps, List<Observed> readings) {
    MutableClock clock = new MutableClock(T0);
    LocalRules rules = new LocalRules(coldStoreConfig(), clock);
    List<DeviceMessage> alarms = new ArrayList<>();
    for (Step s : steps) {
      Instant target = clock.instant().plusSeconds(s.waitSeconds());
      if (s.tickFirst()) {
        for (Optional<Instant> d = rules.nextDeadline(); d.isPresent() && !d.get().isAfter(target); d = rules.nextDeadline()) {
          clock.set(d.get().isAfter(clock.instant()) ? d.get() : clock.instant());
          rules.onTick().stream().filter(Emission::isLocalAlarm).forEach(e -> alarms.add(e.message()));
        }
      }
      clock.set(target);
      readings.add(new Observed(target, s.value()));
      rules.onMessage(Messages.coldStore(s.value(), target)).emissions().stream()
          .filter(Emission::isLocalAlarm).forEach(e -> alarms.add(e.message()));
    }
    return alarms;
  }

  @Test
  void thresholdIsNeverRaisedBeforeTheValueHasBeenBeyondTheLevelForTheWholeDuration() {
    qt().withExamples(300).forAll(steps(50, 110)).checkAssert(steps -> {
      List<Observed> readings = new ArrayList<>();
      for (DeviceMessage m : runColdStore(steps, readings)) {
        LocalAlarm a = (LocalAlarm) m.body();
        Instant at = m.sourceTs();
        boolean raise = a.transition() == Transition.RAISED;
        Duration need = raise ? COLD.raiseAfter() : COLD.clearAfter();
        // every reading in (at - need, at) and the one in force at (at - need) is beyond the level
        Observed inForce = null;
        for (Observed r : readings) {
          if (!r.at().isAfter(at.minus(need))) {
            inForce = r;
          }
          // readings in the run (one arriving at the very instant of the decision came after it)
          if (r.at().isAfter(at.minus(need)) && r.at().isBefore(at)) {
            assertThat(raise ? COLD.breaches(r.value()) : COLD.recovered(r.value()))
                .as("reading %s inside the run before %s %s", r, a.transition(), at).isTrue();
          }
        }
        assertThat(inForce).as("a reading at the start of the run").isNotNull();
        assertThat(raise ? COLD.breaches(inForce.value()) : COLD.recovered(inForce.value())).isTrue();
      }
    });
  }

  @Test
  void raiseAndClearAlternateStartingWithRaise() {
    qt().withExamples(300).forAll(steps(50, 110)).checkAssert(steps -> {
      List<DeviceMessage> alarms = runColdStore(steps, new ArrayList<>());
      for (int i = 0; i < alarms.size(); i++) {
        Transition expected = i % 2 == 0 ? Transition.RAISED : Transition.CLEARED;
        assertThat(((LocalAlarm) alarms.get(i).body()).transition()).isEqualTo(expected);
      }
    });
  }

  @Test
  void valuesInsideTheHysteresisBandNeverChangeTheState() {
    // a prefix anywhere, then only values in [7.0, 8.0]: no transition is decided after the prefix
    qt().withExamples(300).forAll(steps(50, 110), steps(70, 80)).checkAssert((prefix, band) -> {
      List<Step> all = new ArrayList<>(prefix);
      all.addAll(band);
      List<Observed> readings = new ArrayList<>();
      List<DeviceMessage> alarms = runColdStore(all, readings);
      // the first value in the band interrupts whatever run was under way, and nothing starts a new one
      Instant bandStart = readings.get(prefix.size()).at();
      assertThat(alarms).noneMatch(m -> m.sourceTs().isAfter(bandStart));
    });
  }

  @Test
  void aValueHeldBeyondTheLevelRaisesWithinItsDuration() {
    // control for the properties above: they must not pass because nothing is ever raised
    qt().withExamples(100).forAll(steps(50, 110), integers().between(11, 60)).checkAssert((prefix, minutes) -> {
      List<Step> all = new ArrayList<>(prefix);
      for (int i = 0; i < minutes; i++) {
        all.add(new Step(60, 95, true));
      }
      List<DeviceMessage> alarms = runColdStore(all, new ArrayList<>());
      assertThat(alarms).isNotEmpty();
      assertThat(((LocalAlarm) alarms.get(alarms.size() - 1).body()).transition()).isEqualTo(Transition.RAISED);
    });
  }

  /** A camera's input: wait, then report a state (true = online). */
  record Toggle(int waitSeconds, boolean online) {}

  @Test
  void debounceOnlyPassesChangesThatHeldForTheWindowAndEndsInTheLastState() {
    Duration window = Duration.ofSeconds(10);
    Gen<List<Toggle>> toggles =
        lists().of(integers().between(1, 25).zip(booleans().all(), Toggle::new)).ofSizeBetween(1, 80);
    qt().withExamples(300).forAll(toggles).checkAssert(input -> {
      MutableClock clock = new MutableClock(T0);
      LocalRules rules = new LocalRules(LocalRulesConfig.defaults("LP-017"), clock);
      List<Instant> inputTimes = new ArrayList<>();
      List<Boolean> inputStates = new ArrayList<>();
      List<Boolean> passed = new ArrayList<>();
      List<Instant> passedAt = new ArrayList<>();
      // for each passed message, how many inputs had arrived before it was decided
      List<Integer> inputsBefore = new ArrayList<>();
      for (Toggle t : input) {
        Instant target = clock.instant().plusSeconds(t.waitSeconds());
        for (Optional<Instant> d = rules.nextDeadline(); d.isPresent() && !d.get().isAfter(target); d = rules.nextDeadline()) {
          clock.set(d.get());
          collectCamera(rules.onTick(), clock.instant(), passed, passedAt);
          while (inputsBefore.size() < passed.size()) {
            inputsBefore.add(inputTimes.size());
          }
        }
        clock.set(target);
        inputTimes.add(target);
        inputStates.add(t.online());
        CameraStatus.State state = t.online() ? CameraStatus.State.ONLINE : CameraStatus.State.OFFLINE;
        DeviceMessage m = Messages.camera("LP-017-CAM-01", state, null, target);
        for (Emission e : rules.onMessage(m).emissions()) {
          collectCamera(List.of(e), target, passed, passedAt);
          while (inputsBefore.size() < passed.size()) {
            // a change released on this call was decided before this input; the input itself counts
            inputsBefore.add(e.message() == m ? inputTimes.size() : inputTimes.size() - 1);
          }
        }
      }
      clock.advance(window);
      collectCamera(rules.onTick(), clock.instant(), passed, passedAt);
      while (inputsBefore.size() < passed.size()) {
        inputsBefore.add(inputTimes.size());
      }

      // the first state passes at once; every later change passed had held unchanged for the window
      for (int i = 1; i < passed.size(); i++) {
        if (passed.get(i).equals(passed.get(i - 1))) {
          continue;
        }
        Instant at = passedAt.get(i);
        for (int k = 0; k < inputsBefore.get(i); k++) {
          if (inputTimes.get(k).isAfter(at.minus(window)) && !inputTimes.get(k).isAfter(at)) {
            assertThat(inputStates.get(k)).as("input at %s inside the window before %s", inputTimes.get(k), at)
                .isEqualTo(passed.get(i));
          }
        }
      }
      // once quiet for the window, what was passed on last is what the camera said last
      assertThat(passed.get(passed.size() - 1)).isEqualTo(inputStates.get(inputStates.size() - 1));
      long inputChanges = countChanges(inputStates);
      assertThat(countChanges(passed)).isLessThanOrEqualTo(inputChanges);
    });
  }

  private static void collectCamera(List<Emission> emissions, Instant at, List<Boolean> passed, List<Instant> passedAt) {
    for (Emission e : emissions) {
      if (e.message().body() instanceof CameraStatus c) {
        passed.add(c.state() == CameraStatus.State.ONLINE);
        passedAt.add(at);
      }
    }
  }

  private static long countChanges(List<Boolean> states) {
    long n = 0;
    for (int i = 1; i < states.size(); i++) {
      if (!states.get(i).equals(states.get(i - 1))) {
        n++;
      }
    }
    return n;
  }

  /** When a camera stops (seconds after start; 0 = never), with its reporting phase. */
  record CameraPlan(int stopAfter, int phase) {}

  @Test
  void aSilentNvrGivesOneParentAlarmAndNoCameraAlarmsWhileCamerasThatDiedBeforeItGetTheirOwn() {
    Gen<List<CameraPlan>> cameras =
        lists().of(integers().between(0, 1500).zip(integers().between(0, 59), CameraPlan::new)).ofSizeBetween(1, 6);
    Gen<Integer> nvrStops = integers().between(0, 1500);
    qt().withExamples(150).forAll(cameras, nvrStops).checkAssert((plans, nvrStopAfter) -> {
      String nvr = "LP-017-NVR-01";
      MutableClock clock = new MutableClock(T0);
      LocalRules rules = new LocalRules(LocalRulesConfig.defaults("LP-017").withDebounceWindow(Duration.ZERO), clock);
      int end = 1800;
      int nvrStop = nvrStopAfter == 0 ? Integer.MAX_VALUE : nvrStopAfter;
      Map<String, Instant> lastSent = new HashMap<>();
      List<DeviceMessage> alarms = new ArrayList<>();
      // each second: devices that are still up report on their interval (NVR 30 s, cameras 60 s); the clock
      // moves to each deadline in between, so alarm times are checked exactly
      for (int s = 0; s <= end; s++) {
        Instant target = T0.plusSeconds(s);
        for (Optional<Instant> d = rules.nextDeadline(); d.isPresent() && d.get().isBefore(target); d = rules.nextDeadline()) {
          clock.set(d.get().isAfter(clock.instant()) ? d.get() : clock.instant());
          rules.onTick().stream().filter(Emission::isLocalAlarm).forEach(e -> alarms.add(e.message()));
        }
        clock.set(target);
        if (s < nvrStop && s % 30 == 0) {
          rules.onMessage(Messages.nvr(nvr, target)).emissions().stream()
              .filter(Emission::isLocalAlarm).forEach(e -> alarms.add(e.message()));
          lastSent.put(nvr, target);
        }
        for (int i = 0; i < plans.size(); i++) {
          CameraPlan p = plans.get(i);
          int stop = Math.min(p.stopAfter() == 0 ? Integer.MAX_VALUE : p.stopAfter(), nvrStop);
          if (s < stop && s % 60 == p.phase()) {
            String cam = "LP-017-CAM-0" + (i + 1);
            rules.onMessage(Messages.camera(cam, CameraStatus.State.ONLINE, nvr, target)).emissions().stream()
                .filter(Emission::isLocalAlarm).forEach(e -> alarms.add(e.message()));
            lastSent.put(cam, target);
          }
        }
        rules.onTick().stream().filter(Emission::isLocalAlarm).forEach(e -> alarms.add(e.message()));
      }

      Instant nvrDeadline = lastSent.get(nvr).plusSeconds(90);
      boolean nvrDown = !nvrDeadline.isAfter(T0.plusSeconds(end));
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < plans.size(); i++) {
        String cam = "LP-017-CAM-0" + (i + 1);
        if (!lastSent.containsKey(cam)) {
          continue; // stopped before it ever spoke: the rules never heard of it
        }
        Instant camDeadline = lastSent.get(cam).plusSeconds(180);
        boolean camDue = !camDeadline.isAfter(T0.plusSeconds(end));
        // its own alarm only if it fell due while the NVR was still up
        if (camDue && (!nvrDown || camDeadline.isBefore(nvrDeadline))) {
          expected.add(cam + " device_offline RAISED @" + camDeadline);
        }
      }
      if (nvrDown) {
        // a parent only once a camera has named it; an NVR without cameras is an ordinary device
        boolean hasChildren = lastSent.keySet().stream().anyMatch(d -> d.contains("CAM"));
        expected.add(nvr + (hasChildren ? " parent_offline" : " device_offline") + " RAISED @" + nvrDeadline);
      }
      List<String> actual = alarms.stream()
          .map(m -> m.device() + " " + ((LocalAlarm) m.body()).type() + " " + ((LocalAlarm) m.body()).transition()
              + " @" + m.sourceTs())
          .toList();
      assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    });
  }

  @Test
  void aSilentSwitchWithASlowerLimitThanItsChildrenStillGivesOneAlarmAndNoneForTheChildrenBehindIt() {
    Gen<List<CameraPlan>> buttons =
        lists().of(integers().between(0, 1200).zip(integers().between(0, 29), CameraPlan::new)).ofSizeBetween(1, 6);
    qt().withExamples(100)
        .forAll(buttons, integers().between(0, 1200), integers().between(60, 600))
        .checkAssert((plans, switchStopAfter, switchLimit) -> {
          String sw = "LP-017-SW-01";
          List<SupervisedDevice> register = new ArrayList<>();
          register.add(SupervisedDevice.parent(sw, Duration.ofSeconds(switchLimit)));
          for (int i = 0; i < plans.size(); i++) {
            register.add(SupervisedDevice.of("LP-017-PB-0" + (i + 1), DeviceType.PANIC_BUTTON, sw));
          }
          MutableClock clock = new MutableClock(T0);
          LocalRules rules = new LocalRules(LocalRulesConfig.defaults("LP-017").withDevices(register), clock);
          int end = 1800;
          int switchStop = switchStopAfter == 0 ? Integer.MAX_VALUE : switchStopAfter;
          Map<String, Instant> lastSent = new HashMap<>();
          Map<String, Integer> stoppedAt = new HashMap<>();
          List<DeviceMessage> alarms = new ArrayList<>();
          for (int s = 0; s <= end; s++) {
            Instant target = T0.plusSeconds(s);
            for (Optional<Instant> d = rules.nextDeadline(); d.isPresent() && d.get().isBefore(target);
                d = rules.nextDeadline()) {
              clock.set(d.get().isAfter(clock.instant()) ? d.get() : clock.instant());
              rules.onTick().stream().filter(Emission::isLocalAlarm).forEach(e -> alarms.add(e.message()));
            }
            clock.set(target);
            if (s < switchStop && s % 20 == 0) { // the switch reports every 20 s while it is up
              collect(rules.onMessage(Messages.heartbeat(sw, io.campusguard.devices.EventKind.CAMERA, target)), alarms);
              lastSent.put(sw, target);
            }
            for (int i = 0; i < plans.size(); i++) {
              String pb = "LP-017-PB-0" + (i + 1);
              int own = plans.get(i).stopAfter() == 0 ? Integer.MAX_VALUE : plans.get(i).stopAfter();
              stoppedAt.put(pb, Math.min(own, switchStop));
              if (s < Math.min(own, switchStop) && s % 30 == plans.get(i).phase()) {
                collect(rules.onMessage(Messages.heartbeat(pb, io.campusguard.devices.EventKind.PANIC, target)), alarms);
                lastSent.put(pb, target);
              }
            }
            rules.onTick().stream().filter(Emission::isLocalAlarm).forEach(e -> alarms.add(e.message()));
          }

          Instant switchDeadline = lastSent.get(sw).plusSeconds(switchLimit);
          boolean switchDown = !switchDeadline.isAfter(T0.plusSeconds(end));
          List<DeviceMessage> raised = alarms.stream()
              .filter(m -> ((LocalAlarm) m.body()).transition() == Transition.RAISED).toList();
          // no device is raised twice, and nothing is ever cleared (nobody came back)
          assertThat(raised.stream().map(DeviceMessage::device).distinct().count()).isEqualTo(raised.size());
          assertThat(alarms).hasSameSizeAs(raised);
          // one parent alarm for the silent switch, at its exact deadline
          List<DeviceMessage> parent = raised.stream().filter(m -> m.device().equals(sw)).toList();
          if (switchDown) {
            assertThat(parent).hasSize(1);
            assertThat(((LocalAlarm) parent.get(0).body()).type()).isEqualTo("parent_offline");
            assertThat(parent.get(0).sourceTs()).isEqualTo(switchDeadline);
          } else {
            assertThat(parent).isEmpty();
          }
          for (DeviceMessage m : raised) {
            if (m.device().equals(sw)) {
              continue;
            }
            // a button is raised only when it stopped on its own, before the switch, and never after the
            // switch went offline; and never before its own deadline
            assertThat(stoppedAt.get(m.device())).as("%s stopped before the switch", m.device())
                .isLessThan(switchStop);
            Instant own = (lastSent.containsKey(m.device()) ? lastSent.get(m.device()) : T0).plusSeconds(90);
            assertThat(m.sourceTs()).isEqualTo(own);
            if (switchDown) {
              assertThat(m.sourceTs()).isBefore(switchDeadline);
            }
          }
          // buttons that went silent with the switch raise nothing of their own
          if (switchDown) {
            for (int i = 0; i < plans.size(); i++) {
              String pb = "LP-017-PB-0" + (i + 1);
              if (stoppedAt.get(pb) == switchStop) {
                assertThat(raised).noneMatch(m -> m.device().equals(pb));
              }
            }
          }
        });
  }

  private static void collect(RuleOutcome outcome, List<DeviceMessage> alarms) {
    outcome.emissions().stream().filter(Emission::isLocalAlarm).forEach(e -> alarms.add(e.message()));
  }
}
