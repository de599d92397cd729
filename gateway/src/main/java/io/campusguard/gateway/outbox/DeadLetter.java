package io.campusguard.gateway.outbox;

import io.campusguard.devices.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A device input the gateway refused, kept for whoever must fix the device: where it came from, what it said
 * (the first {@value #MAX_PAYLOAD_CHARS} characters) and why it was refused.
 */
public record DeadLetter(Instant receivedAt, String topic, String payload, int payloadBytes, String field, String reason, String detail) {
  public static final int MAX_PAYLOAD_CHARS = 2_000;
  public static final int MAX_TOPIC_CHARS = 300;

  public DeadLetter {
    Objects.requireNonNull(receivedAt, "receivedAt");
    topic = truncate(String.valueOf(topic), MAX_TOPIC_CHARS);
    payload = truncate(String.valueOf(payload), MAX_PAYLOAD_CHARS);
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    detail = truncate(String.valueOf(detail), MAX_PAYLOAD_CHARS);
  }

  /** Keeps a bounded, printable copy of untrusted bytes: invalid UTF-8 becomes U+FFFD, never an exception. */
  public static DeadLetter of(Instant receivedAt, String topic, byte[] payload, Rejection rejection) {
    int bytes = payload == null ? 0 : payload.length;
    String text = payload == null ? "" : new String(payload, 0, Math.min(bytes, MAX_PAYLOAD_CHARS * 4), StandardCharsets.UTF_8);
    return new DeadLetter(receivedAt, topic, text, bytes, rejection.field(), rejection.reason().name(), rejection.detail());
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
