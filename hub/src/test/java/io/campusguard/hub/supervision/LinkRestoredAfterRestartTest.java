package io.campusguard.hub.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A link lost before the hub restarted (the gateways' last wills as the demo stops, a night outage before a
 * morning upgrade) is restored by the first heartbeat the new hub hears: the database holds the loss, the new
 * hub's memory does not.
 */
@Timeout(120)
class LinkRestoredAfterRestartTest {
  private static final Duration REPORTING_TIME = Duration.ofSeconds(20);

  /** Verifies that the first heartbeat after a hub restart restores a link lost before it and resolves its alarm. */
  @Test
  void firstHeartbeatAfterARestartRestoresALinkLostBeforeIt() throws Exception {
    String campus = "LP-405";
    try (TestDatabase db = new TestDatabase(); ScriptedGateway gw = new ScriptedGateway(campus)) {
      try (TestHub before = new TestHub(db.config(), group(), REPORTING_TIME)) {
        gw.status(GatewayHealth.State.STARTED);
        gw.status(GatewayHealth.State.OFFLINE);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-405' AND type = 'link_lost' AND state = 'open'")).isEqualTo(1);
          assertThat(db.count("SELECT count(*) FROM campuses WHERE id = 'LP-405' AND link_state = 'lost' AND colour = 'red'")).isEqualTo(1);
        });
      }

      try (TestHub after = new TestHub(db.config(), group(), REPORTING_TIME)) {
        gw.status(GatewayHealth.State.HEARTBEAT);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-405' AND type = 'link_lost' AND state = 'resolved'"
              + " AND resolved_by = 'system'")).isEqualTo(1);
          assertThat(db.count("SELECT count(*) FROM campuses WHERE id = 'LP-405' AND link_state = 'up' AND colour = 'green'")).isEqualTo(1);
        });
        // one alarm, opened once and resolved once: the restore did not open another
        assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-405'")).isEqualTo(1);
      }
    }
  }

  private static String group() {
    return "r" + UUID.randomUUID().toString().substring(0, 8);
  }
}
