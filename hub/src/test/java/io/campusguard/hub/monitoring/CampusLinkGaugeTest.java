package io.campusguard.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.supervision.LinkSupervisor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One series per supervised campus, 0 once its link is lost, so an alert can name the campus. */
class CampusLinkGaugeTest {

  /** Verifies that a campus silent past the reporting time reads 0 and one heard recently reads 1, after a refresh. */
  @Test
  void lostCampusReadsZero() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LinkSupervisor supervisor = new LinkSupervisor(Duration.ofSeconds(20));
    CampusLinkGauge gauge = new CampusLinkGauge(registry);
    Instant t0 = Instant.parse("2026-11-29T08:00:00Z");
    supervisor.watch("LP-001", t0);
    supervisor.watch("LP-002", t0.plusSeconds(25));
    supervisor.tick(t0.plusSeconds(30));

    // before a refresh the gauge holds nothing (the scrape never reads the supervisor itself)
    assertThat(registry.find(CampusLinkGauge.NAME).gauges()).isEmpty();
    gauge.refresh(supervisor);

    assertThat(registry.get(CampusLinkGauge.NAME).tag("campus", "LP-001").gauge().value()).isZero();
    assertThat(registry.get(CampusLinkGauge.NAME).tag("campus", "LP-002").gauge().value()).isEqualTo(1.0);
  }
}
