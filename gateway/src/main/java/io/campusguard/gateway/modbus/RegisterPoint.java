package io.campusguard.gateway.modbus;

import io.campusguard.devices.body.CanteenReading;
import java.util.Objects;

/**
 * One value of a device model's register map: where it is read, how its registers are laid out, and what it
 * stands for. The reading is {@code raw * scale + offset}; a coil or discrete input reads 1 or 0.
 *
 * @param address the first register (or bit), counted from 0 as on the wire
 */
public record RegisterPoint(
    CanteenReading.Quantity quantity, ModbusFunction function, int address, RegisterType type,
    Endianness wordOrder, Endianness byteOrder, double scale, double offset) {

  public RegisterPoint {
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(wordOrder, "wordOrder");
    Objects.requireNonNull(byteOrder, "byteOrder");
    if (address < 0 || address + (function.bits() ? 1 : type.words()) > 0x10000) {
      throw new IllegalArgumentException("address: " + address + " outside 0..65535");
    }
    if (!Double.isFinite(scale) || scale == 0) {
      throw new IllegalArgumentException("scale: must be a finite number other than 0");
    }
    if (!Double.isFinite(offset)) {
      throw new IllegalArgumentException("offset: must be a finite number");
    }
  }

  /** How many registers (or bits) one read of this point asks for. */
  public int count() {
    return function.bits() ? 1 : type.words();
  }

  /** The reading, from the bytes of this point's read. */
  public double value(byte[] read) {
    double raw = function.bits()
        ? (RegisterDecoder.bit(read, 0) ? 1 : 0)
        : RegisterDecoder.decode(read, type, wordOrder, byteOrder);
    return raw * scale + offset;
  }

  @Override
  public String toString() {
    return function.name().toLowerCase(java.util.Locale.ROOT) + " " + address + " (" + quantity.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
