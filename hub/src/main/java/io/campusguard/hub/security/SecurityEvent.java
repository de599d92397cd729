package io.campusguard.hub.security;

import java.time.Instant;
import java.util.Objects;

/**
 * One detection. {@code evidence} identifies what was seen (kind, campus and the ids involved), so the same
 * evidence seen again, by this hub or another sharing the database, counts on one stored row instead of adding one.
 */
public record SecurityEvent(SecurityEventKind kind, String campus, String detail, String evidence, Instant at) {
  public SecurityEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(at, "at");
  }
}
