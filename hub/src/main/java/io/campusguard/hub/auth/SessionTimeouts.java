package io.campusguard.hub.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * When a session ends: after {@code idle} without a request, or {@code absolute} after login whatever happens.
 * Also when a request should refresh the session's last-seen time (not on every request: a database write per
 * request would be wasteful, and a refresh at most every {@link #touchEvery()} shortens the idle time by no more
 * than that).
 */
public record SessionTimeouts(Duration idle, Duration absolute) {
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
  /** One shift. */
  public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(12);

  public SessionTimeouts {
    if (idle.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException("http.sessionIdleTimeout: must be at least 10s");
    }
    if (absolute.compareTo(idle) < 0 || absolute.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("http.sessionAbsoluteTimeout: must be sessionIdleTimeout..7d");
    }
  }

  public static SessionTimeouts defaults() {
    return new SessionTimeouts(DEFAULT_IDLE, DEFAULT_ABSOLUTE);
  }

  /** Whether a session made at {@code createdAt} and last seen at {@code lastSeenAt} is still valid at {@code now}. */
  public boolean live(Instant createdAt, Instant lastSeenAt, Instant now) {
    return now.isBefore(lastSeenAt.plus(idle)) && now.isBefore(createdAt.plus(absolute));
  }

  /** At most a twentieth of the idle time, and at most a minute. */
  public Duration touchEvery() {
    Duration twentieth = idle.dividedBy(20);
    return twentieth.compareTo(Duration.ofMinutes(1)) < 0 ? twentieth : Duration.ofMinutes(1);
  }

  public boolean shouldTouch(Instant lastSeenAt, Instant now) {
    return !now.isBefore(lastSeenAt.plus(touchEvery()));
  }

  /** Sessions last seen before this, or made before {@link #createdCutoff}, are over and may be deleted. */
  public Instant idleCutoff(Instant now) {
    return now.minus(idle);
  }

  public Instant createdCutoff(Instant now) {
    return now.minus(absolute);
  }
}
