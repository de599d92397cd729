package io.campusguard.gateway.rules;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.body.LocalAlarm;
import java.time.Instant;
import java.util.List;

/** Test messages of campus LP-017 and helpers to read what the rules emitted. */
final class Messages {
  static final String CAMPUS = "LP-017";

  private Messages() {}

  static DeviceMessage reading(String device, CanteenReading.Quantity q, double value, Instant ts) {
    return new DeviceMessage(CAMPUS, device, EventKind.CANTEEN, ts, CanteenReading.of(q, value));
  }

  static DeviceMessage coldStore(double value, Instant ts) {
    return reading("LP-017-CS-01", CanteenReading.Quantity.COLD_STORE_TEMPERATURE, value, ts);
  }

  static DeviceMessage camera(String device, CameraStatus.State state, String nvr, Instant ts) {
    return new DeviceMessage(
        CAMPUS, device, EventKind.CAMERA, ts, new CameraStatus(CameraStatus.Role.CAMERA, state, nvr));
  }

  static DeviceMessage nvr(String device, Instant ts) {
    return new DeviceMessage(
        CAMPUS, device, EventKind.CAMERA, ts, new CameraStatus(CameraStatus.Role.NVR, CameraStatus.State.ONLINE, null));
  }

  static DeviceMessage heartbeat(String device, EventKind kind, Instant ts) {
    return new DeviceMessage(CAMPUS, device, kind, ts, new DeviceHeartbeat(kind));
  }

  /** The local alarms among emissions, as "device type transition". */
  static List<String> alarms(List<Emission> emissions) {
    return emissions.stream()
        .filter(Emission::isLocalAlarm)
        .map(e -> e.message().device() + " " + ((LocalAlarm) e.message().body()).type() + " "
            + ((LocalAlarm) e.message().body()).transition())
        .toList();
  }
}
