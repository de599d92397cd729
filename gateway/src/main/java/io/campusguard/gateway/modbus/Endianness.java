package io.campusguard.gateway.modbus;

/**
 * An order, of the two bytes in a register or of the two registers of a 32-bit value. Modbus itself sends each
 * register big-endian and says nothing of 32-bit values; devices differ: {@code wordOrder: little} is the common
 * "CDAB" (low word first), {@code byteOrder: little} swaps the bytes inside each register.
 */
public enum Endianness {
  BIG,
  LITTLE
}
