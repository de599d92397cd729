package io.campusguard.devices.codec;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.PriorityPolicy;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Shared test data: a fixed clock and one body of every type. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String CAMPUS = "LP-017";

  private Fixtures() {}

  static EventCodec codec() {
    return new EventCodec(CLOCK);
  }

  static List<EventBody> everyBody() {
    return List.of(
        new PanicEvent(PanicEvent.Action.PRESSED),
        new PanicEvent(PanicEvent.Action.SELF_TEST),
        new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.VIDEO_LOSS, "LP-017-NVR-01"),
        new CameraStatus(CameraStatus.Role.NVR, CameraStatus.State.ONLINE, null),
        CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.25),
        CanteenReading.of(CanteenReading.Quantity.GAS_CONCENTRATION, 12.0),
        CanteenReading.of(CanteenReading.Quantity.DOOR_OPEN, 1),
        new ClassroomHealth(
            ClassroomHealth.DeviceType.MULTIMEDIA_PLATFORM, 21_500, 3_100L, null, 62, 3, 1, 48.5, "lamp over-temperature", "初二(3)班"),
        new ClassroomHealth(ClassroomHealth.DeviceType.STUDENT_PC, 9_000, null, null, null, 0, 0, null, null),
        new DeviceHeartbeat(EventKind.PANIC),
        new GatewayHealth(
            GatewayHealth.State.HEARTBEAT,
            "boot-7",
            Map.of(Priority.P0, new GatewayHealth.LaneStats(0, 0, 0), Priority.P2, new GatewayHealth.LaneStats(120, 4_000, 3)),
            -12,
            Map.of("mqtt", GatewayHealth.ConnectorState.UP, "opcua-canteen", GatewayHealth.ConnectorState.CONNECTING)),
        new LocalAlarm("cold_store_high", LocalAlarm.Transition.RAISED, 9.5, "above 8.0 degC for 10 min"));
  }

  static EventEnvelope envelope(EventBody body, long seq) {
    return new EventEnvelope(
        EventEnvelope.VERSION,
        EventIds.next(),
        CAMPUS,
        "LP-017-DEV-01",
        body.kind(),
        PriorityPolicy.of(body),
        seq,
        NOW.minusSeconds(3),
        NOW.minusSeconds(1),
        body);
  }

  static DeviceMessage message(EventBody body) {
    return new DeviceMessage(CAMPUS, "LP-017-DEV-01", body.kind(), NOW.minusSeconds(3), body);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
