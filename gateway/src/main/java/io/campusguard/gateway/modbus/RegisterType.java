package io.campusguard.gateway.modbus;

/** How a value is laid out in 16-bit Modbus registers. */
public enum RegisterType {
  INT16(1),
  UINT16(1),
  INT32(2),
  UINT32(2),
  FLOAT32(2);

  private final int words;

  RegisterType(int words) {
    this.words = words;
  }

  /** How many registers (16-bit words) one value takes. */
  public int words() {
    return words;
  }
}
