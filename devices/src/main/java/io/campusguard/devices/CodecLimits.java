package io.campusguard.devices;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on untrusted input. {@code maxPayloadBytes} is checked before any parsing. A timestamp more than
 * {@code maxFutureSkew} ahead of our clock, or older than {@code maxAge}, is refused: the first is a broken
 * device clock, the second older than any outage the outbox is sized for.
 */
public record CodecLimits(int maxPayloadBytes, Duration maxFutureSkew, Duration maxAge) {
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
  /** Uplink batches carry many envelopes, so their bound is larger than a device payload's. */
  public static final int DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;

  public static final CodecLimits DEFAULTS =
      new CodecLimits(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_FUTURE_SKEW, DEFAULT_MAX_AGE);

  public CodecLimits {
    if (maxPayloadBytes < 256) {
      throw new IllegalArgumentException("maxPayloadBytes: must be at least 256");
    }
    Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxFutureSkew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxFutureSkew/maxAge: must be positive");
    }
  }
}
