package io.campusguard.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.body.GatewayHealth.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GatewaySessionsTest {
  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
  private final GatewaySessions sessions = new GatewaySessions(Duration.ofHours(1));

  /** Verifies that a restart (a new boot id that stays) raises nothing, however often the gateway restarts. */
  @Test
  void restartsAreNotSessions() {
    assertThat(sessions.observe("LP-001", "boot-a", State.HEARTBEAT, T)).isEmpty();
    assertThat(sessions.observe("LP-001", "boot-a", State.HEARTBEAT, T.plusSeconds(5))).isEmpty();
    assertThat(sessions.observe("LP-001", "boot-b", State.STARTED, T.plusSeconds(30))).isEmpty();
    assertThat(sessions.observe("LP-001", "boot-b", State.HEARTBEAT, T.plusSeconds(35))).isEmpty();
    assertThat(sessions.observe("LP-001", "boot-c", State.STARTED, T.plusSeconds(60))).isEmpty();
    // the old session's last will, published by the broker after its successor started, is not a session
    assertThat(sessions.observe("LP-001", "boot-b", State.OFFLINE, T.plusSeconds(61))).isEmpty();
    assertThat(sessions.observe("LP-001", "boot-c", State.HEARTBEAT, T.plusSeconds(65))).isEmpty();
  }

  /** Verifies that two boot ids taking turns for one campus raise TWO_SESSIONS, with one evidence key for the pair. */
  @Test
  void twoGatewaysTakingTurnsAreTwoSessions() {
    assertThat(sessions.observe("LP-001", "boot-a", State.HEARTBEAT, T)).isEmpty();
    assertThat(sessions.observe("LP-001", "boot-b", State.HEARTBEAT, T.plusSeconds(1))).isEmpty();
    var first = sessions.observe("LP-001", "boot-a", State.HEARTBEAT, T.plusSeconds(5));
    var second = sessions.observe("LP-001", "boot-b", State.HEARTBEAT, T.plusSeconds(6));

    assertThat(first).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(SecurityEventKind.TWO_SESSIONS);
      assertThat(e.campus()).isEqualTo("LP-001");
      assertThat(e.detail()).contains("boot-a", "boot-b");
    });
    assertThat(second.orElseThrow().evidence()).isEqualTo(first.orElseThrow().evidence());
    // control: another campus with the same boot ids in its own order is unaffected
    assertThat(sessions.observe("LP-002", "boot-b", State.HEARTBEAT, T)).isEmpty();
  }

  /** Verifies that a boot id coming back after the memory has passed is taken for a new session, not evidence. */
  @Test
  void aBootIdBackAfterTheMemoryIsForgotten() {
    sessions.observe("LP-001", "boot-a", State.HEARTBEAT, T);
    sessions.observe("LP-001", "boot-b", State.HEARTBEAT, T.plusSeconds(1));
    assertThat(sessions.observe("LP-001", "boot-a", State.HEARTBEAT, T.plus(Duration.ofHours(2)))).isEmpty();
  }
}
