package io.campusguard.hub.security;

import java.util.Locale;

/**
 * What the hub itself detected that may mean a gateway's stream is replayed or substituted (issue 8, part 3).
 * The first three are a "possible substitution": the hub cannot tell which side is genuine, so it keeps both and
 * says so. A campus mismatch is a gateway publishing as another campus: refused outright. A foreign device is a
 * gateway naming another campus's device: stored under its own campus only, so it hides nothing of the other's.
 */
public enum SecurityEventKind {
  /** A new event id with a sequence number that another event of the same outbox already has: the sequence went back without a restart marker. */
  SEQUENCE_REUSED,
  /** Batches from an older outbox after a newer one was seen: two outboxes live for one campus. */
  OUTBOX_INTERLEAVED,
  /** Two gateway processes (boot ids) heartbeating for one campus, taking turns: two live sessions with one identity. */
  TWO_SESSIONS,
  /** A batch naming another campus than the topic it arrived on (the topic is bound to the sender's identity): refused, nothing stored or acked. */
  CAMPUS_MISMATCH,
  /** A campus's gateway reported a device id that another campus has (or the other way round): kept apart, never merged. */
  FOREIGN_DEVICE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
