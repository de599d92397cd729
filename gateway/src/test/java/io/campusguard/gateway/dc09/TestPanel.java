package io.campusguard.gateway.dc09;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A DC-09 alarm panel written from the standard, sharing no code with the receiver: it frames messages
 * ({@code LF CRC 0LLL body CR}, its own bitwise CRC-16/ARC), writes timestamps, pads and encrypts (through the
 * peer's AES routine) and sends them over TCP (a connection per message) or UDP, returning the receiver's answer.
 */
final class TestPanel {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-yyyy").withZone(ZoneOffset.UTC);
  private final SiaPeer aes;

  TestPanel(SiaPeer aes) {
    this.aes = aes;
  }

  static String timestamp(Instant t) {
    return "_" + TS.format(t);
  }

  /** CRC-16/ARC bit by bit: reflected polynomial 0xA001, start 0. */
  static int crc(byte[] body) {
    int crc = 0;
    for (byte b : body) {
      crc ^= b & 0xFF;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 1) == 1 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  static byte[] frame(String body) {
    byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
    String s = "\n" + String.format("%04X", crc(b)) + "0" + String.format("%03X", b.length) + body + "\r";
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A plain message: {@code "id"seq[Rr]Ll#acct[data]} and the given tail (extended blocks, timestamp). */
  static byte[] plain(String id, int seq, String receiver, String line, String account, String data, String tail) {
    return frame("\"" + id + "\"" + String.format("%04d", seq) + (receiver == null ? "" : "R" + receiver) + "L" + line + "#" + account + "[" + data + "]" + tail);
  }

  /**
   * An encrypted message: the part after {@code [} padded in front to whole 16-byte blocks ending in {@code |},
   * encrypted in CBC with a zero IV by the peer's routine (which adds a PKCS#7 block of its own: cut off, CBC's
   * earlier blocks do not depend on it).
   */
  byte[] encrypted(String id, int seq, String receiver, String line, String account, String keyHex, String data, String tail) throws IOException {
    String text = data + "]" + tail;
    int pad = 16 - (text.length() + 1) % 16;
    String padded = "P".repeat(pad) + "|" + text;
    String hex = aes.encryptHex(keyHex, padded).substring(0, padded.length() * 2).toUpperCase(java.util.Locale.ROOT);
    return frame("\"*" + id + "\"" + String.format("%04d", seq) + (receiver == null ? "" : "R" + receiver) + "L" + line + "#" + account + "[" + hex);
  }

  /** Sends over a fresh TCP connection; the answer up to its CR, or null when the receiver closed without one. */
  static String sendTcp(int port, byte[] bytes, boolean halfCloseAfter) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      s.setSoTimeout(10_000);
      try {
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        if (halfCloseAfter) {
          s.shutdownOutput();
        }
      } catch (IOException closedEarly) {
        // a receiver that refuses a long line may close before it is all written: its answer may still be there
      }
      return readAnswer(s.getInputStream());
    }
  }

  static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        answer.write(b);
        if (b == '\r') {
          break;
        }
      }
    } catch (IOException reset) {
      // connection reset after the answer: keep what came
    }
    return answer.size() == 0 ? null : answer.toString(StandardCharsets.ISO_8859_1);
  }

  /** Sends one datagram; the answer datagram, or null after a few seconds without one. */
  static String sendUdp(int port, byte[] bytes) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(5000);
      s.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
      DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
      try {
        s.receive(p);
      } catch (SocketTimeoutException none) {
        return null;
      }
      return new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }
  }
}
