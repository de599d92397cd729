package io.campusguard.hub.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.hub.telemetry.Measurement;
import io.campusguard.hub.telemetry.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Path latency and availability as a time series: the interval's samples, as plain logic with explicit times.
 * Written to and read back from the real InfluxDB and PostgreSQL in {@code TimeSeriesStoreTest}.
 */
class PathSeriesTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

  /**
   * Verifies that an interval gives p50/p99 of that interval's latencies only, the availability of that interval
   * only, nothing of latency for a campus without events, and that the sink receives what is returned.
   */
  @Test
  void intervalSamples() {
    PathLatency latency = new PathLatency(4096);
    LinkSupervisor links = new LinkSupervisor(Duration.ofSeconds(20));
    List<Sample> sunk = new ArrayList<>();
    PathSeries series = new PathSeries(latency, links, sunk::addAll);
    links.onStatus(status("LP-501"), T0);
    links.onStatus(status("LP-502"), T0);
    for (int ms = 1; ms <= 100; ms++) {
      latency.record("LP-501", 1000 + ms); // an earlier interval's values must not leak into the next
    }
    series.sample(T0);

    for (int ms = 1; ms <= 100; ms++) {
      latency.record("LP-501", ms);
    }
    links.onStatus(status("LP-501"), T0.plusSeconds(10));
    links.tick(T0.plusMillis(20_001)); // LP-502 silent since T0: lost at 20.001 s
    Instant end = T0.plusSeconds(30);
    List<Sample> second = series.sample(end);

    assertThat(value(second, Measurement.PATH_LATENCY, "LP-501", PathSeries.P50)).isEqualTo(50);
    assertThat(value(second, Measurement.PATH_LATENCY, "LP-501", PathSeries.P99)).isEqualTo(99);
    assertThat(value(second, Measurement.PATH_LATENCY, "LP-501", PathSeries.SAMPLES)).isEqualTo(100);
    assertThat(second).noneMatch(s -> s.measurement() == Measurement.PATH_LATENCY && s.device().equals("LP-502"));
    assertThat(value(second, Measurement.LINK_AVAILABILITY, "LP-502", PathSeries.UP)).isCloseTo(20.001 / 30, Offset.offset(0.001));
    assertThat(value(second, Measurement.LINK_AVAILABILITY, "LP-501", PathSeries.UP)).isEqualTo(1.0);
    assertThat(second).allMatch(s -> s.ts().equals(end));
    assertThat(sunk).containsAll(second);

    // the next interval: no events, LP-502 still lost
    List<Sample> third = series.sample(end.plusSeconds(10));
    assertThat(third).noneMatch(s -> s.measurement() == Measurement.PATH_LATENCY);
    assertThat(value(third, Measurement.LINK_AVAILABILITY, "LP-502", PathSeries.UP)).isZero();
  }

  private static double value(List<Sample> samples, Measurement m, String campus, String quantity) {
    return samples.stream().filter(s -> s.measurement() == m && s.device().equals(campus) && s.quantity().equals(quantity))
        .findFirst().orElseThrow(() -> new AssertionError(m + " " + quantity + " of " + campus + " missing")).value();
  }

  private static GatewayStatus status(String campus) {
    return new GatewayStatus(campus, "gw-" + campus, T0, new GatewayHealth(GatewayHealth.State.HEARTBEAT, "b1", Map.of(), 0, Map.of()));
  }
}
