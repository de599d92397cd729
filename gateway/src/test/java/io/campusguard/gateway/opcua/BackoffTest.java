package io.campusguard.gateway.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesFromTheInitialWaitUpToTheCapAndStartsOverAfterASuccess() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(16));
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      waits.add(backoff.next().toSeconds());
    }
    assertThat(waits.subList(0, 6)).containsExactly(1L, 2L, 4L, 8L, 16L, 16L);
    assertThat(waits).allMatch(w -> w <= 16);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
  }
}
