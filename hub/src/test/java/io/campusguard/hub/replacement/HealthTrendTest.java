package io.campusguard.hub.replacement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.hub.telemetry.Measurement;
import io.campusguard.hub.telemetry.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTrendTest {
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

  private static Sample s(int day, String quantity, double value) {
    return new Sample(Measurement.CLASSROOM, "LP-017", "LP-017-TPC-01", quantity, T0.plusSeconds(86_400L * day), value);
  }

  /** Verifies that a disk wearing out lowers the score point by point, and a quantity missing from a report keeps its last value. */
  @Test
  void wearingDiskLowersTheTrend() {
    List<Sample> samples = new ArrayList<>(List.of(
        s(0, "disk_health", 95), s(0, "crashes", 0), s(0, "power_on_hours", 9000),
        s(1, "disk_health", 60), s(1, "crashes", 1),
        s(2, "crashes", 3)));
    Collections.shuffle(samples, new java.util.Random(7));

    List<HealthTrend.Point> trend = HealthTrend.of(samples, 100);

    assertThat(trend).extracting(HealthTrend.Point::ts).containsExactly(T0, T0.plusSeconds(86_400), T0.plusSeconds(2 * 86_400));
    assertThat(trend.get(0).health()).isEqualTo(100);
    assertThat(trend.get(1).health()).isLessThan(trend.get(0).health());
    assertThat(trend.get(2).health()).isLessThan(trend.get(1).health());
    assertThat(trend.get(2).diskHealth()).isEqualTo(60);
    assertThat(trend.get(2).powerOnHours()).isEqualTo(9000L);
    assertThat(trend.get(2).health()).isEqualTo(HealthScoring.score(new DeviceHealth(9000L, null, null, 60, 0, 3, null, 0, 0, 0, 0)).score());
  }

  /** Verifies that a long series is thinned to the asked number of points, keeping the first and the latest. */
  @Test
  void longSeriesIsThinned() {
    List<Sample> samples = new ArrayList<>();
    for (int d = 0; d < 1000; d++) {
      samples.add(s(d, "disk_health", 100 - d / 10.0));
    }
    List<HealthTrend.Point> trend = HealthTrend.of(samples, 50);
    assertThat(trend).hasSize(50);
    assertThat(trend.get(0).ts()).isEqualTo(T0);
    assertThat(trend.get(49).ts()).isEqualTo(T0.plusSeconds(86_400L * 999));
    assertThat(trend).extracting(HealthTrend.Point::ts).isSorted().doesNotHaveDuplicates();
    assertThat(HealthTrend.of(List.of(), 50)).isEmpty();
    assertThatThrownBy(() -> HealthTrend.of(samples, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
