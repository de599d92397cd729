package io.campusguard.simulators.fleet;

import io.campusguard.devices.body.EventBody;
import java.time.Instant;

/** One publish a simulated device makes: who, when (its own clock), what. */
public record Emission(String campus, String device, Instant ts, EventBody body) {}
