package io.campusguard.gateway.modbus;

/** Which of a Modbus device's four tables a value is read from (function codes 3, 4, 1 and 2). */
public enum ModbusFunction {
  HOLDING,
  INPUT,
  COILS,
  DISCRETE;

  /** Whether the table holds bits (coils, discrete inputs) rather than 16-bit registers. */
  public boolean bits() {
    return this == COILS || this == DISCRETE;
  }
}
