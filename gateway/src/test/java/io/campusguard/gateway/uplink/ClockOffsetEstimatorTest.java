package io.campusguard.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The clock offset to the hub from acks' hub times: median of recent samples, 0 before any. */
class ClockOffsetEstimatorTest {
  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

  /** Verifies that with no sample the offset is 0, and one sample is taken as it is (hub ahead: positive). */
  @Test
  void noSampleIsZeroAndOneSampleIsItself() {
    ClockOffsetEstimator e = new ClockOffsetEstimator();
    assertThat(e.offsetMs()).isZero();
    e.sample(T.plusMillis(1_500), T);
    assertThat(e.offsetMs()).isEqualTo(1_500);
    assertThat(e.sampleCount()).isEqualTo(1);
  }

  /** Verifies that one ack held up in a queue does not move the median, and old samples leave the window. */
  @Test
  void medianIgnoresAnOutlierAndForgetsOldSamples() {
    ClockOffsetEstimator e = new ClockOffsetEstimator();
    for (int i = 0; i < 10; i++) {
      e.sample(T.minusMillis(2_000), T.plusMillis(i % 3)); // hub 2 s behind, 0..2 ms path delay
    }
    e.sample(T.minusMillis(2_000), T.plusSeconds(30)); // one ack 30 s late
    assertThat(e.offsetMs()).isBetween(-2_002L, -2_000L);

    // the hub's clock is corrected: after a window of new samples, the old ones are gone
    for (int i = 0; i < ClockOffsetEstimator.WINDOW; i++) {
      e.sample(T.plusMillis(5), T);
    }
    assertThat(e.offsetMs()).isEqualTo(5);
    assertThat(e.sampleCount()).isEqualTo(ClockOffsetEstimator.WINDOW);
  }

  /** Verifies that an even number of samples gives the mean of the middle two. */
  @Test
  void evenCountTakesTheMiddleTwo() {
    ClockOffsetEstimator e = new ClockOffsetEstimator();
    e.sample(T.plusMillis(10), T);
    e.sample(T.plusMillis(20), T);
    assertThat(e.offsetMs()).isEqualTo(15);
  }
}
