package io.campusguard.gateway.dc09;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The receiver's answers, framed as DC-09 frames: ACK (encrypted when the message was), NAK, DUH. */
public final class Dc09Replies {
  private Dc09Replies() {}

  /** {@code "ACK"seq Rrcvr Lline #acct []}, or {@code "*ACK"… [hex]} with {@code ]_timestamp} encrypted. */
  public static byte[] ack(Dc09Frame f, Dc09Cipher cipher, Instant now) {
    String head = "ACK\"" + f.seq() + prefixes(f) + "#" + f.account() + "[";
    if (f.encrypted() && cipher != null) {
      return frame("\"*" + head + cipher.encrypt("]_" + Dc09Content.format(now)));
    }
    return frame("\"" + head + "]");
  }

  /** {@code "NAK"0000R0L0A0[]_timestamp}: the receiver's time, so a panel whose clock is off can correct it. */
  public static byte[] nak(Instant now) {
    return frame("\"NAK\"0000R0L0A0[]_" + Dc09Content.format(now));
  }

  /** {@code "DUH"seq Rrcvr Lline #acct []}: understood as a frame, but not something this receiver can process. */
  public static byte[] duh(Dc09Frame f) {
    return frame("\"DUH\"" + f.seq() + prefixes(f) + "#" + f.account() + "[]");
  }

  private static String prefixes(Dc09Frame f) {
    return (f.receiver() == null ? "" : "R" + f.receiver()) + "L" + f.line();
  }

  /** LF, CRC, {@code 0LLL}, the body, CR. */
  public static byte[] frame(String body) {
    byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
    String head = String.format("\n%04X0%03X", Crc16Arc.of(b), b.length);
    byte[] out = new byte[head.length() + b.length + 1];
    System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, out, 0, head.length());
    System.arraycopy(b, 0, out, head.length(), b.length);
    out[out.length - 1] = '\r';
    return out;
  }
}
