package io.campusguard.hub.telemetry;

import io.campusguard.devices.Ids;
import java.time.Instant;
import java.util.Objects;

/**
 * One point of a series: a device's (or, for path latency, a campus's) {@code quantity} at {@code ts}. Ids are
 * checked against the allow-list because they become InfluxDB tags.
 */
public record Sample(Measurement measurement, String campus, String device, String quantity, Instant ts, double value) {
  public Sample {
    Objects.requireNonNull(measurement, "measurement");
    Ids.require("campus", campus);
    Ids.require("device", device);
    Ids.require("quantity", quantity);
    Objects.requireNonNull(ts, "ts");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: not finite");
    }
  }
}
