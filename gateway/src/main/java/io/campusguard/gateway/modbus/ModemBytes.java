package io.campusguard.gateway.modbus;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** A modem's registration or heartbeat packet as the config writes it: text, or {@code hex:0A1B…} for raw bytes. */
final class ModemBytes {
  private ModemBytes() {}

  static byte[] parse(String field, String spec) {
    if (spec.startsWith("hex:")) {
      try {
        byte[] b = HexFormat.of().parseHex(spec.substring(4).replace(" ", ""));
        if (b.length == 0) {
          throw new IllegalArgumentException(field + ": no bytes after hex:");
        }
        return b;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ": not hex bytes (" + spec + ")");
      }
    }
    if (spec.isEmpty()) {
      throw new IllegalArgumentException(field + ": empty");
    }
    return spec.getBytes(StandardCharsets.UTF_8);
  }
}
