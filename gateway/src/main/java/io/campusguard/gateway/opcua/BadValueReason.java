package io.campusguard.gateway.opcua;

/** Why an OPC UA value could not become a canteen reading; each is counted. */
public enum BadValueReason {
  /** The server marked the value bad (sensor failure, no communication with the device, ...). */
  BAD_STATUS,
  /** The server marked the value uncertain: not trusted for alarms. */
  UNCERTAIN_STATUS,
  /** No value at all. */
  NO_VALUE,
  /** Not a number (nor a boolean for a door contact). */
  WRONG_TYPE,
  /** NaN or infinite. */
  NOT_FINITE,
  /** Outside the quantity's physically plausible range: a device fault. */
  OUT_OF_RANGE,
  /** The node does not exist on the server, or could not be monitored. */
  NOT_MONITORED
}
