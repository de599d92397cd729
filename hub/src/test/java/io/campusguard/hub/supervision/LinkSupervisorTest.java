package io.campusguard.hub.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.body.GatewayHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Link supervision as plain logic, with explicit times. */
class LinkSupervisorTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
  private final LinkSupervisor supervisor = new LinkSupervisor(Duration.ofSeconds(20));

  private static GatewayStatus status(GatewayHealth.State state, String boot) {
    return new GatewayStatus("LP-017", "gw-017", T0, new GatewayHealth(state, boot, Map.of(), 0, Map.of()));
  }

  /** Verifies that silence past the reporting time loses the link once, and a heartbeat restores it. */
  @Test
  void silenceLosesOnceHeartbeatRestores() {
    supervisor.onStatus(status(GatewayHealth.State.STARTED, "b1"), T0);
    supervisor.onStatus(status(GatewayHealth.State.HEARTBEAT, "b1"), T0.plusSeconds(5));

    assertThat(supervisor.tick(T0.plusSeconds(25))).isEmpty();
    var lost = supervisor.tick(T0.plusMillis(25_001));
    assertThat(lost).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(LinkDecision.Kind.LOST));
    assertThat(supervisor.isLost("LP-017")).isTrue();
    assertThat(supervisor.tick(T0.plusSeconds(60))).isEmpty();
    assertThat(supervisor.tick(T0.plusSeconds(600))).isEmpty();

    var restored = supervisor.onStatus(status(GatewayHealth.State.HEARTBEAT, "b1"), T0.plusSeconds(65));
    assertThat(restored).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(LinkDecision.Kind.RESTORED));
    assertThat(supervisor.isLost("LP-017")).isFalse();
    // up 25 s, lost 40 s
    assertThat(supervisor.availability("LP-017", T0.plusSeconds(65))).isCloseTo(25.001 / 65, org.assertj.core.data.Offset.offset(0.001));
  }

  /** Verifies that a last will loses the link at once, but a stale will from an earlier boot is ignored. */
  @Test
  void lastWillLosesAtOnceUnlessStale() {
    supervisor.onStatus(status(GatewayHealth.State.STARTED, "b1"), T0);
    assertThat(supervisor.onStatus(status(GatewayHealth.State.OFFLINE, "b1"), T0.plusSeconds(1)))
        .singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(LinkDecision.Kind.LOST));
    assertThat(supervisor.onStatus(status(GatewayHealth.State.STARTED, "b2"), T0.plusSeconds(3))).hasSize(1);
    assertThat(supervisor.onStatus(status(GatewayHealth.State.OFFLINE, "b1"), T0.plusSeconds(4))).isEmpty();
    assertThat(supervisor.isLost("LP-017")).isFalse();
  }

  /** Verifies that the first status marks the link up (once), so the console stops showing it as unknown. */
  @Test
  void firstStatusMarksTheLinkUpOnce() {
    assertThat(supervisor.onStatus(status(GatewayHealth.State.HEARTBEAT, "b1"), T0))
        .singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(LinkDecision.Kind.FIRST_HEARD));
    assertThat(supervisor.onStatus(status(GatewayHealth.State.HEARTBEAT, "b1"), T0.plusSeconds(5))).isEmpty();
  }

  /** Verifies that a watched campus never heard from is lost after the reporting time. */
  @Test
  void watchedButSilentCampusIsLost() {
    supervisor.watch("LP-099", T0);
    assertThat(supervisor.tick(T0.plusSeconds(20))).isEmpty();
    assertThat(supervisor.tick(T0.plusSeconds(21))).extracting(LinkDecision::campus).containsExactly("LP-099");
  }

  /** Verifies the path latency percentiles. */
  @Test
  void latencyPercentiles() {
    PathLatency latency = new PathLatency(1000);
    for (int i = 1; i <= 100; i++) {
      latency.record("LP-017", i);
    }
    assertThat(latency.percentiles("LP-017")).isEqualTo(new PathLatency.Percentiles(50, 99, 100));
    assertThat(latency.percentiles("LP-018")).isNull();
  }
}
