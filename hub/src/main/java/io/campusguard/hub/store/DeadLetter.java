package io.campusguard.hub.store;

import io.campusguard.devices.Rejection;
import java.time.Instant;

/** Input the hub refused, kept with why: the raw text (bounded), the field and the reason. */
public record DeadLetter(String campus, String topic, String raw, Rejection rejection, Instant receivedAt) {
  public static final int MAX_RAW = 4_000;

  public DeadLetter {
    raw = raw == null ? "" : raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "…" : raw;
  }
}
