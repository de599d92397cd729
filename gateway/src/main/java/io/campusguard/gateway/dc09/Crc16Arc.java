package io.campusguard.gateway.dc09;

/**
 * CRC-16/ARC (polynomial 0x8005 reflected as 0xA001, initial 0, no final xor), the CRC ANSI/SIA DC-09 puts in front
 * of every frame, over the bytes from the opening quote of the id to the byte before the closing CR.
 */
public final class Crc16Arc {
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private Crc16Arc() {}

  public static int of(byte[] data, int offset, int length) {
    int crc = 0;
    for (int i = offset; i < offset + length; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
    }
    return crc;
  }

  public static int of(byte[] data) {
    return of(data, 0, data.length);
  }
}
