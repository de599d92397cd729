package io.campusguard.gateway.uplink;

/**
 * A token bucket on a caller-supplied clock: {@code ratePerSecond} tokens flow in, at most {@code burst} are
 * kept. It paces the replay of a backlog so 129 gateways coming back together do not flatten the hub.
 * Not thread-safe: used by the uplink's single loop.
 */
public final class TokenBucket {
  private final double ratePerMs;
  private final double burst;
  private double tokens;
  private long lastMs;

  public TokenBucket(double ratePerSecond, double burst, long nowMs) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) {
      throw new IllegalArgumentException("rate: must be positive, burst at least 1");
    }
    this.ratePerMs = ratePerSecond / 1000.0;
    this.burst = burst;
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  /** Takes up to {@code wanted} tokens and returns how many it took (0 when empty). */
  public int take(int wanted, long nowMs) {
    refill(nowMs);
    int granted = (int) Math.min(wanted, Math.floor(tokens));
    tokens -= granted;
    return granted;
  }

  /** Whole tokens available now, without taking any. */
  public int available(long nowMs) {
    refill(nowMs);
    return (int) Math.floor(tokens);
  }

  /** Gives back tokens that were taken but not used. */
  public void giveBack(int n, long nowMs) {
    refill(nowMs);
    tokens = Math.min(burst, tokens + n);
  }

  private void refill(long nowMs) {
    if (nowMs > lastMs) {
      tokens = Math.min(burst, tokens + (nowMs - lastMs) * ratePerMs);
      lastMs = nowMs;
    }
  }
}
