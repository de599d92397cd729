package io.campusguard.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  /** Verifies that delays double up to the cap, each drawn from the upper half of its cap, and reset starts over. */
  @Test
  void doublesToTheCapWithJitterAndResets() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), new Random(7));
    long[] caps = {100, 200, 400, 800, 1_000, 1_000};
    for (long cap : caps) {
      assertThat(b.next().toMillis()).isBetween(cap / 2, cap);
    }
    b.reset();
    assertThat(b.next().toMillis()).isBetween(50L, 100L);
  }

  /** Verifies that an initial delay above the maximum is refused. */
  @Test
  void refusesAnInvertedRange() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random())).hasMessageContaining("initial <= max");
  }
}
