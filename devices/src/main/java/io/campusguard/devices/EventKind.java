package io.campusguard.devices;

import java.util.Optional;

/**
 * What an event is about. The wire name is the topic segment on the campus broker and the {@code kind} field
 * of the envelope. Only {@link #isDeviceKind() device kinds} may be published by devices; {@code gateway} and
 * {@code alarm} events are made by the gateway itself.
 */
public enum EventKind {
  PANIC(true),
  CAMERA(true),
  CANTEEN(true),
  CLASSROOM(true),
  GATEWAY(false),
  ALARM(false);

  private final boolean deviceKind;

  EventKind(boolean deviceKind) {
    this.deviceKind = deviceKind;
  }

  public String wireName() {
    return WireNames.of(this);
  }

  public boolean isDeviceKind() {
    return deviceKind;
  }

  public static Optional<EventKind> fromWire(String name) {
    return WireNames.parse(EventKind.class, name);
  }
}
