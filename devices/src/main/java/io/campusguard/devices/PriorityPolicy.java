package io.campusguard.devices;

import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import java.util.Set;

/**
 * Which lane an event travels in. P0 is for what a person must act on now: a pressed or tampered panic button,
 * a gas alarm, fire. Everything about alarms or states is P1, readings P2, inventories P3.
 */
public final class PriorityPolicy {
  /** Local alarm types that are emergencies in their own right. */
  public static final Set<String> P0_ALARM_TYPES = Set.of("gas_high", "fire");

  private PriorityPolicy() {}

  public static Priority of(EventBody body) {
    if (body instanceof PanicEvent p) {
      return p.action() == PanicEvent.Action.PRESSED || p.action() == PanicEvent.Action.TAMPER ? Priority.P0 : Priority.P1;
    }
    if (body instanceof LocalAlarm a) {
      return P0_ALARM_TYPES.contains(a.type()) ? Priority.P0 : Priority.P1;
    }
    if (body instanceof CameraStatus) {
      return Priority.P1;
    }
    if (body instanceof CanteenReading || body instanceof GatewayHealth || body instanceof DeviceHeartbeat) {
      return Priority.P2;
    }
    if (body instanceof ClassroomHealth) {
      return Priority.P3;
    }
    throw new IllegalArgumentException("body: unknown type " + body.getClass());
  }
}
