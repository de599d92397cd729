package io.campusguard.devices.body;

import io.campusguard.devices.EventKind;

/** The kind-specific part of an event. Each body belongs to exactly one {@link EventKind}. */
public sealed interface EventBody
    permits PanicEvent, CameraStatus, CanteenReading, ClassroomHealth, DeviceHeartbeat, GatewayHealth, LocalAlarm {

  /** The kind this body travels under; {@link DeviceHeartbeat} travels under every device kind. */
  EventKind kind();
}
