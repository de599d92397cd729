package io.campusguard.simulators.loadtest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How one device publish is found again in the hub's event log: its device and its own timestamp (to the
 * microsecond, PostgreSQL's precision). A simulated device never says two things at the same microsecond.
 */
public record EmissionKey(String device, Instant sourceTs) {
  public EmissionKey {
    sourceTs = sourceTs.truncatedTo(ChronoUnit.MICROS);
  }
}
