package io.campusguard.hub.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Supervision end to end: a scripted gateway's heartbeats on the real broker, one hub with a 2 s reporting time. */
@Timeout(120)
class LinkLostTest {
  private static final Duration REPORTING_TIME = Duration.ofSeconds(2);
  private static TestDatabase db;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "s" + UUID.randomUUID().toString().substring(0, 8), REPORTING_TIME);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies that a gateway heard before its campus is registered (no row yet, no event yet) shows its link as up. */
  @Test
  void aGatewayHeardBeforeItsCampusIsRegisteredIsUp() throws Exception {
    String campus = "LP-402";
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      assertThat(db.count("SELECT count(*) FROM campuses WHERE id = 'LP-402'")).isZero();

      gw.status(GatewayHealth.State.STARTED);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM campuses WHERE id = 'LP-402' AND link_state = 'up'")).isEqualTo(1));
    }
  }

  /**
   * Verifies that a gateway whose heartbeats stop raises one link-lost alarm within the reporting time, that its
   * devices' offline alarms are suppressed meanwhile, and that a heartbeat restores the link and clears the alarm.
   */
  @Test
  void silentGatewayRaisesLinkLostOnceAndRestores() throws Exception {
    String campus = "LP-401";
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor();
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.status(GatewayHealth.State.STARTED);
      ScheduledFuture<?> beating = beat.scheduleAtFixedRate(() -> {
        try {
          gw.status(GatewayHealth.State.HEARTBEAT);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, 200, 400, TimeUnit.MILLISECONDS);
      // control: while it beats (three reporting times) nothing is raised
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-401'")).isZero());

      beating.cancel(false);
      Instant stopped = Instant.now();

      await().atMost(REPORTING_TIME.plusSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-401' AND type = 'link_lost' AND state = 'open'")).isEqualTo(1));
      long raisedAfterMs = Duration.between(stopped, Instant.now()).toMillis();
      assertThat(raisedAfterMs).isLessThan(REPORTING_TIME.toMillis() + 1_000);
      assertThat(db.count("SELECT count(*) FROM campuses WHERE id = 'LP-401' AND link_state = 'lost' AND colour = 'red'")).isEqualTo(1);

      // a device-offline alarm from the backlog while the link is lost is suppressed
      gw.send(TestEvents.batch(campus, List.of(TestEvents.event(campus, "LP-401-PB-01", 1,
          new LocalAlarm("device_offline", LocalAlarm.Transition.RAISED, null, "silent"), Instant.now()))));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gw.acks()).hasSize(1));

      // still exactly one alarm, counted once, several reporting times later
      await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-401'")).isEqualTo(1);
        assertThat(db.count("SELECT occurrences FROM alarms WHERE campus_id = 'LP-401'")).isEqualTo(1);
      });

      gw.status(GatewayHealth.State.HEARTBEAT);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-401' AND state = 'resolved' AND resolved_by = 'system'")).isEqualTo(1));
      // no longer red; yellow while the gateway's last word on PB-01 is that it is offline (a degraded device)
      assertThat(db.count("SELECT count(*) FROM campuses WHERE id = 'LP-401' AND link_state = 'up' AND colour = 'yellow' AND degraded_devices = 1"))
          .isEqualTo(1);
      gw.send(TestEvents.batch(campus, List.of(TestEvents.event(campus, "LP-401-PB-01", 2,
          new LocalAlarm("device_offline", LocalAlarm.Transition.CLEARED, null, "heard again"), Instant.now()))));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM campuses WHERE id = 'LP-401' AND link_state = 'up' AND colour = 'green' AND degraded_devices = 0"))
              .isEqualTo(1));
    } finally {
      beat.shutdownNow();
    }
  }

  /** Verifies that two hubs that both see a campus go dark give one link-lost alarm, counted once, and one restore. */
  @Test
  void twoHubsOneLinkLostAlarm() throws Exception {
    String campus = "LP-403";
    try (TestHub second = new TestHub(db.config(), "s2" + UUID.randomUUID().toString().substring(0, 8), REPORTING_TIME);
        ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.status(GatewayHealth.State.STARTED);
      gw.status(GatewayHealth.State.OFFLINE);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-403' AND type = 'link_lost'")).isEqualTo(1));
      // both hubs have decided by now (and ticked past the reporting time): still one alarm, one opening
      await().during(REPORTING_TIME.plusSeconds(1)).atMost(REPORTING_TIME.plusSeconds(2)).untilAsserted(() -> {
        assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-403'")).isEqualTo(1);
        assertThat(db.count("SELECT occurrences FROM alarms WHERE campus_id = 'LP-403'")).isEqualTo(1);
      });
      gw.status(GatewayHealth.State.STARTED);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-403' AND state = 'resolved'")).isEqualTo(1));
      assertThat(db.count("SELECT count(*) FROM alarm_history h JOIN alarms a ON a.id = h.alarm_id WHERE a.campus_id = 'LP-403'"
          + " AND h.action IN ('opened', 'resolved')")).isEqualTo(2);
    }
  }

  /** Verifies that a last will (OFFLINE) raises link lost at once, well before the reporting time. */
  @Test
  void lastWillRaisesAtOnce() throws Exception {
    String campus = "LP-402";
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.status(GatewayHealth.State.STARTED);
      gw.status(GatewayHealth.State.OFFLINE);
      Instant sent = Instant.now();
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-402' AND type = 'link_lost'")).isEqualTo(1));
      assertThat(Duration.between(sent, Instant.now())).isLessThan(REPORTING_TIME);
    }
  }
}
