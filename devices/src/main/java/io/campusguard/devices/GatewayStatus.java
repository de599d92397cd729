package io.campusguard.devices;

import io.campusguard.devices.body.GatewayHealth;
import java.time.Instant;
import java.util.Objects;

/**
 * What a gateway publishes on {@code county/{campus}/status}: its heartbeat, its restart marker at start, and
 * (as its MQTT last will, published by the broker) that it went offline. Not part of the outbox sequence:
 * a heartbeat is only worth anything when it is fresh.
 */
public record GatewayStatus(String campus, String gateway, Instant ts, GatewayHealth health) {
  public GatewayStatus {
    Ids.require("campus", campus);
    Ids.require("gateway", gateway);
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(health, "health");
  }
}
