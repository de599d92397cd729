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

  public boolean isUnknown() {
    return equals(UNKNOWN);
  }
}
