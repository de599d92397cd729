package io.campusguard.hub.replacement;

/**
 * What telemetry says of one device, as the hub accumulates it from classroom health reports, liveness and
 * faults. Counters that were never reported are null; {@link #unknown} is a device with no telemetry at all.
 */
public record DeviceHealth(
    Long powerOnHours,
    Long lampHours,
    Long panelHours,
    Integer diskHealthPercent,
    int bootFailures,
    int crashes,
    Double temperatureC,
    int daysOffline,
    int openFaults,
    int pastFaults,
    int repairs) {

  public static final DeviceHealth UNKNOWN = new DeviceHealth(null, null, null, null, 0, 0, null, 0, 0, 0, 0);

  public DeviceHealth {
    if (bootFailures < 0 || crashes < 0 || daysOffline < 0 || openFaults < 0 || pastFaults < 0 || repairs < 0) {
      throw new IllegalArgumentException("counts: must not be negative");
    }
  }

  /**
   * True when telemetry has said nothing of the device. Repairs are recorded by IT staff, not reported, so a
   * device with repairs but no telemetry is still unknown.
   */
  public boolean isUnknown() {
    return withRepairs(0).equals(UNKNOWN);
  }

  /** The same facts with the repair count IT staff recorded for the asset. */
  public DeviceHealth withRepairs(int count) {
    return new DeviceHealth(powerOnHours, lampHours, panelHours, diskHealthPercent, bootFailures, crashes, temperatureC,
        daysOffline, openFaults, pastFaults, count);
  }
}
