package io.campusguard.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  /** Verifies that without jitter the waits are exactly the doubling caps, never above the cap, and reset starts over. */
  @Test
  void doublesFromTheInitialWaitUpToTheCapAndStartsOverAfterASuccess() {
    Backoff backoff = Backoff.exact(Duration.ofSeconds(1), Duration.ofSeconds(16));
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      waits.add(backoff.next().toSeconds());
    }
    assertThat(waits.subList(0, 6)).containsExactly(1L, 2L, 4L, 8L, 16L, 16L);
    assertThat(waits).allMatch(w -> w <= 16);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
  }

  /** Verifies that an initial delay above the maximum is refused. */
  @Test
  void refusesAnInvertedRange() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random())).hasMessageContaining("initial <= max");
  }
}
