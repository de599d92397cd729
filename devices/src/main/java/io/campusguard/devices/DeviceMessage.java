package io.campusguard.devices;

import io.campusguard.devices.body.EventBody;
import java.time.Instant;
import java.util.Objects;

/** What a device said on its campus broker, decoded and validated: the topic tells who, the payload what. */
public record DeviceMessage(String campus, String device, EventKind kind, Instant sourceTs, EventBody body) {
  public DeviceMessage {
    Ids.require("campus", campus);
    Ids.require("device", device);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sourceTs, "sourceTs");
    Objects.requireNonNull(body, "body");
    if (body.kind() != kind) {
      throw new IllegalArgumentException("body: not of kind " + kind);
    }
  }
}
