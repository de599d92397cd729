package io.campusguard.gateway.dc09;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a DC-09 frame's envelope (LF, CRC, length, CR) and header, refusing with a {@link FrameFault} what does not
 * read. Never throws on any input: the size is checked before anything else, and every index is bounded.
 */
public final class FrameParser {
  /** The largest frame the format can describe: LF, 4 CRC, {@code 0LLL} with LLL up to 0xFFF, CR. */
  public static final int FORMAT_MAX_FRAME = 1 + 4 + 4 + 0xFFF + 1;

  private static final Pattern HEADER =
      Pattern.compile("\"(\\*?)([A-Z0-9-]{1,12})\"(\\d{4})(?:R([0-9A-Fa-f]{1,6}))?L([0-9A-Fa-f]{1,6})#([0-9A-Fa-f]{3,16})\\[(.*)", Pattern.DOTALL);

  private final int maxFrameBytes;

  public FrameParser(int maxFrameBytes) {
    if (maxFrameBytes < 16 || maxFrameBytes > FORMAT_MAX_FRAME) {
      throw new IllegalArgumentException("maxFrameBytes: must be 16.." + FORMAT_MAX_FRAME);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  /** What one frame (LF to CR, both included) turned out to be. */
  public sealed interface Result permits Parsed, Refused {}

  public record Parsed(Dc09Frame frame) implements Result {}

  public record Refused(FrameFault fault, String detail) implements Result {}

  public Result parse(byte[] frame) {
    if (frame.length > maxFrameBytes) {
      return new Refused(FrameFault.TOO_LARGE, frame.length + " bytes, more than " + maxFrameBytes);
    }
    if (frame.length < 11 || frame[0] != '\n' || frame[frame.length - 1] != '\r') {
      return new Refused(FrameFault.BAD_FRAMING, "not LF … CR, or shorter than a header");
    }
    int crcSent = hex(frame, 1, 4);
    if (crcSent < 0) {
      return new Refused(FrameFault.BAD_FRAMING, "CRC field is not 4 hex digits (binary CRC is not accepted)");
    }
    if (frame[5] != '0') {
      return new Refused(FrameFault.BAD_FRAMING, "length field does not start with 0");
    }
    int length = hex(frame, 6, 3);
    if (length < 0) {
      return new Refused(FrameFault.BAD_FRAMING, "length field is not 0LLL hex");
    }
    int bodyLength = frame.length - 10;
    if (length != bodyLength) {
      return new Refused(FrameFault.BAD_LENGTH, "length field says " + length + ", the frame holds " + bodyLength);
    }
    int crc = Crc16Arc.of(frame, 9, bodyLength);
    if (crc != crcSent) {
      return new Refused(FrameFault.BAD_CRC, String.format("CRC %04X sent, %04X computed", crcSent, crc));
    }
    String body = new String(frame, 9, bodyLength, StandardCharsets.ISO_8859_1);
    Matcher m = HEADER.matcher(body);
    if (!m.matches()) {
      return new Refused(FrameFault.BAD_HEADER, "header is not \"id\"seq[Rrcvr]Lline#acct[");
    }
    String id = m.group(2);
    if (!id.equals(Dc09Frame.SIA_DCS) && !id.equals(Dc09Frame.ADM_CID) && !id.equals(Dc09Frame.NULL)) {
      return new Refused(FrameFault.UNSUPPORTED_ID, "id " + id + " is not SIA-DCS, ADM-CID or NULL");
    }
    return new Parsed(new Dc09Frame(id, !m.group(1).isEmpty(), m.group(3), m.group(4), m.group(5), m.group(6).toUpperCase(java.util.Locale.ROOT), m.group(7)));
  }

  /** The value of {@code count} ASCII hex digits, or -1. */
  private static int hex(byte[] b, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = Character.digit(b[i], 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
