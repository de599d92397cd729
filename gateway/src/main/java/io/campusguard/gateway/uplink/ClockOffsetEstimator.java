package io.campusguard.gateway.uplink;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Estimates how far the hub's clock is ahead of the gateway's (negative: behind), for the heartbeat's
 * {@code clockOffsetMs}, from the commit acks: each ack that carries the hub's time gives one sample,
 * {@code hubTs − the gateway's clock when the ack arrived}. The estimate is the median of the last
 * {@link #WINDOW} samples, so one ack held up in a broker queue does not move it.
 *
 * <p>Bias: the hub reads its clock when it sends the ack, the gateway when the ack arrives, so every sample is
 * the true offset minus that one path delay (hub → county broker → gateway). The estimate is therefore low by
 * the typical one-way delay: milliseconds on a county network, more when the broker queues. That is good
 * enough to see a gateway whose clock is seconds or minutes off; it is not a time service.
 *
 * <p>Thread-safe: acks arrive on Paho's thread, heartbeats read it on the timer thread.
 */
public final class ClockOffsetEstimator {
  /** Samples the median is taken over. */
  public static final int WINDOW = 31;

  private final long[] samples = new long[WINDOW];
  private int count;
  private int next;

  /** One ack's sample: the hub's time in it, and our clock when it arrived. */
  public synchronized void sample(Instant hubTs, Instant receivedAt) {
    samples[next] = Duration.between(receivedAt, hubTs).toMillis();
    next = (next + 1) % WINDOW;
    count = Math.min(count + 1, WINDOW);
  }

  /** The hub's clock minus ours, in milliseconds, as the median of recent samples; 0 before the first. */
  public synchronized long offsetMs() {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return count % 2 == 1 ? sorted[count / 2] : Math.floorDiv(sorted[count / 2 - 1] + sorted[count / 2], 2);
  }

  /** Samples taken so far (acks that carried the hub's time). */
  public synchronized int sampleCount() {
    return count;
  }
}
