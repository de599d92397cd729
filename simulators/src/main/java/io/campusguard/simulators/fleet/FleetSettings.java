package io.campusguard.simulators.fleet;

import java.time.Duration;

/**
 * How the simulated devices behave. Rates are per campus per hour; {@code speed} divides every reporting
 * interval (2.0 = twice county load) for load tests.
 */
public record FleetSettings(
    double panicPressesPerCampusHour,
    double cameraOutagesPerCampusHour,
    double nvrOutagesPerCampusHour,
    double coldStoreFaultsPerCampusHour,
    double gasLeaksPerCampusHour,
    Duration outageLength,
    double speed) {

  public static final FleetSettings COUNTY_DEFAULTS =
      new FleetSettings(0.05, 0.2, 0.02, 0.02, 0.005, Duration.ofMinutes(3), 1.0);

  public FleetSettings {
    if (panicPressesPerCampusHour < 0 || cameraOutagesPerCampusHour < 0 || nvrOutagesPerCampusHour < 0
        || coldStoreFaultsPerCampusHour < 0 || gasLeaksPerCampusHour < 0) {
      throw new IllegalArgumentException("rates: must not be negative");
    }
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed: must be positive");
    }
    if (outageLength.isNegative() || outageLength.isZero()) {
      throw new IllegalArgumentException("outageLength: must be positive");
    }
  }

  public FleetSettings withSpeed(double newSpeed) {
    return new FleetSettings(
        panicPressesPerCampusHour, cameraOutagesPerCampusHour, nvrOutagesPerCampusHour, coldStoreFaultsPerCampusHour,
        gasLeaksPerCampusHour, outageLength, newSpeed);
  }

  public FleetSettings withPanicRate(double perCampusHour) {
    return new FleetSettings(
        perCampusHour, cameraOutagesPerCampusHour, nvrOutagesPerCampusHour, coldStoreFaultsPerCampusHour,
        gasLeaksPerCampusHour, outageLength, speed);
  }
}
