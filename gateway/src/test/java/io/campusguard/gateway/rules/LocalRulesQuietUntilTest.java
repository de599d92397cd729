package io.campusguard.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading.Quantity;
import io.campusguard.devices.profile.DeviceProfile;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.profile.Threshold;
import io.campusguard.devices.profile.Threshold.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The rules skip the scan of every device's timers while nothing can be due ({@code quietUntil}); that must
 * never change what they decide. Random campuses' traffic (a switch, NVRs with listed and learned cameras, cold
 * stores crossing their threshold, a flapping door, silences long enough for liveness alarms and parents coming
 * back) goes to rules that skip and to rules that scan after every message, and both must emit the same events
 * in the same order, from messages and from ticks alike.
 */
class LocalRulesQuietUntilTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
  private static final Threshold COLD =
      new Threshold("cold_store_high", Direction.ABOVE, 8.0, 7.0, Duration.ofMinutes(3), Duration.ofMinutes(1));
  private static final String[] DEVICES = {
    "LP-017-SW-1", "LP-017-NVR-1", "LP-017-NVR-2", "LP-017-CAM-1", "LP-017-CAM-2", "LP-017-CAM-3", "LP-017-CAM-4",
    "LP-017-CS-1", "LP-017-CS-2", "LP-017-DOOR-1", "LP-017-PB-1"
  };

  /** Wait this many seconds, tick or not, then one message of device {@code device} with variant {@code value}. */
  record Step(int waitSeconds, int device, int value, int tick) {}

  private static LocalRulesConfig config() {
    Map<DeviceType, DeviceProfile> profiles = Map.of(
        DeviceType.COLD_STORE_SENSOR, new DeviceProfile(DeviceType.COLD_STORE_SENSOR, Priority.P2, Duration.ofSeconds(60), 2, List.of(COLD)),
        DeviceType.CAMERA, new DeviceProfile(DeviceType.CAMERA, Priority.P2, Duration.ofSeconds(60), 2, List.of()),
        DeviceType.NVR, new DeviceProfile(DeviceType.NVR, Priority.P1, Duration.ofSeconds(90), 2, List.of()),
        DeviceType.DOOR_CONTACT, new DeviceProfile(DeviceType.DOOR_CONTACT, Priority.P2, Duration.ofSeconds(120), 1, List.of()));
    List<SupervisedDevice> register = List.of(
        SupervisedDevice.parent("LP-017-SW-1", Duration.ofSeconds(150)),
        SupervisedDevice.of("LP-017-NVR-1", DeviceType.NVR, "LP-017-SW-1"),
        SupervisedDevice.of("LP-017-CAM-1", DeviceType.CAMERA, "LP-017-NVR-1"),
        SupervisedDevice.of("LP-017-CAM-2", DeviceType.CAMERA, "LP-017-NVR-1"));
    return new LocalRulesConfig("LP-017", Duration.ofSeconds(20), Duration.ofMinutes(30), 100, false, register, profiles);
  }

  private static DeviceMessage message(Step s, Instant now) {
    String device = DEVICES[s.device()];
    // Now and then a reading stamped in the past, as after an outage.
    Instant ts = s.value() % 7 == 0 ? now.minusSeconds(200) : now;
    return switch (s.device()) {
      case 0 -> Messages.heartbeat(device, EventKind.CAMERA, ts); // the switch, heard through its heartbeat
      case 1, 2 -> Messages.nvr(device, ts);
      case 3, 4, 5, 6 -> Messages.camera(device, s.value() % 3 == 0 ? CameraStatus.State.OFFLINE : CameraStatus.State.ONLINE,
          s.device() >= 5 ? "LP-017-NVR-" + (1 + s.value() % 2) : null, ts);
      case 7, 8 -> Messages.reading(device, Quantity.COLD_STORE_TEMPERATURE, 5 + s.value() % 6, ts);
      case 9 -> Messages.reading(device, Quantity.DOOR_OPEN, s.value() % 2, ts);
      default -> Messages.heartbeat(device, EventKind.PANIC, ts);
    };
  }

  /** Everything the rules emitted, as text, with where it came from. */
  private static List<String> run(List<Step> steps, boolean scanEveryMessage) {
    MutableClock clock = new MutableClock(T0);
    LocalRules rules = new LocalRules(config(), clock, scanEveryMessage);
    List<String> out = new ArrayList<>();
    for (Step s : steps) {
      clock.advance(Duration.ofSeconds(s.waitSeconds()));
      if (s.tick() == 0) {
        rules.onTick().forEach(e -> out.add("tick " + e));
      }
      RuleOutcome o = rules.onMessage(message(s, clock.instant()));
      out.add("message forwarded=" + o.forwarded());
      o.emissions().forEach(e -> out.add("message " + e));
      out.add("next " + rules.nextDeadline());
    }
    clock.advance(Duration.ofMinutes(10));
    rules.onTick().forEach(e -> out.add("final tick " + e));
    return out;
  }

  @Test
  void skippingTheScanWhileNothingIsDueDecidesExactlyWhatScanningEveryMessageDecides() {
    Gen<Step> step = integers().between(0, 100).zip(integers().between(0, DEVICES.length - 1), integers().between(0, 99),
        integers().between(0, 4), (wait, device, value, tick) -> new Step(wait % 10 == 0 ? wait * 3 : wait % 15, device, value, tick));
    qt().withExamples(400).forAll(lists().of(step).ofSizeBetween(1, 300)).checkAssert(steps ->
        assertThat(run(steps, false)).isEqualTo(run(steps, true)));
  }

  @Test
  void theGeneratedTrafficReachesTheTimedRules() {
    // Control: the comparison above means something only if the traffic raises and clears time-driven alarms.
    Gen<Step> step = integers().between(0, 100).zip(integers().between(0, DEVICES.length - 1), integers().between(0, 99),
        integers().between(0, 4), (wait, device, value, tick) -> new Step(wait % 10 == 0 ? wait * 3 : wait % 15, device, value, tick));
    List<String> all = new ArrayList<>();
    qt().withExamples(50).forAll(lists().of(step).ofSizeBetween(200, 300)).checkAssert(steps -> all.addAll(run(steps, false)));
    assertThat(all).anyMatch(s -> s.contains("parent_offline") && s.contains("RAISED"));
    assertThat(all).anyMatch(s -> s.contains("device_offline") && s.contains("CLEARED"));
    assertThat(all).anyMatch(s -> s.contains("cold_store_high") && s.contains("RAISED"));
    assertThat(all).anyMatch(s -> s.startsWith("message ") && s.contains("cold_store_high") && s.contains("CLEARED"));
  }
}
