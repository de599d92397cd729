package io.campusguard.gateway.modbus;

/**
 * Turns the bytes of a register read (as Modbus sends them: each register high byte first) into a number, by the
 * value's type and its word and byte order. Plain arithmetic, no state.
 */
public final class RegisterDecoder {
  private RegisterDecoder() {}

  /**
   * The value held in {@code type.words()} registers at the start of {@code bytes}.
   *
   * @throws IllegalArgumentException when fewer bytes came than the type needs
   */
  public static double decode(byte[] bytes, RegisterType type, Endianness wordOrder, Endianness byteOrder) {
    int words = type.words();
    if (bytes == null || bytes.length < words * 2) {
      throw new IllegalArgumentException(
          "expected " + words * 2 + " bytes for " + type + ", got " + (bytes == null ? 0 : bytes.length));
    }
    int w0 = word(bytes, 0, byteOrder);
    if (words == 1) {
      return type == RegisterType.INT16 ? (short) w0 : w0;
    }
    int w1 = word(bytes, 1, byteOrder);
    int bits = wordOrder == Endianness.BIG ? (w0 << 16) | w1 : (w1 << 16) | w0;
    return switch (type) {
      case INT32 -> bits;
      case UINT32 -> Integer.toUnsignedLong(bits);
      case FLOAT32 -> Float.intBitsToFloat(bits);
      default -> throw new IllegalStateException(type.toString());
    };
  }

  /** Register {@code index} as an unsigned 16-bit number, its two bytes swapped when the device sends them low first. */
  private static int word(byte[] bytes, int index, Endianness byteOrder) {
    int hi = bytes[index * 2] & 0xFF;
    int lo = bytes[index * 2 + 1] & 0xFF;
    return byteOrder == Endianness.BIG ? (hi << 8) | lo : (lo << 8) | hi;
  }

  /** Bit {@code index} of a coil or discrete-input read (Modbus packs them least significant bit first). */
  public static boolean bit(byte[] bytes, int index) {
    if (bytes == null || bytes.length <= index / 8) {
      throw new IllegalArgumentException("expected bit " + index + ", got " + (bytes == null ? 0 : bytes.length) + " bytes");
    }
    return (bytes[index / 8] >> (index % 8) & 1) == 1;
  }
}
