package io.campusguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two hub instances on one PostgreSQL, each in its own subscription group so that both receive every batch: the
 * worst case of a redelivery racing the original on two instances.
 */
@Timeout(180)
class TwoHubsRaceTest {
  private static TestDatabase db;
  private static TestHub hubA;
  private static TestHub hubB;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hubA = new TestHub(db.config(), "a" + UUID.randomUUID().toString().substring(0, 8));
    hubB = new TestHub(db.config(), "b" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterAll
  static void stop() {
    if (hubA != null) {
      hubA.close();
    }
    if (hubB != null) {
      hubB.close();
    }
    db.close();
  }

  /** Verifies that one panic event handled by two hubs at once gives one row, one alarm, and an ack from each. */
  @Test
  void oneEventTwoHubsOneAlarm() throws Exception {
    String campus = "LP-301";
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      EventEnvelope panic = TestEvents.panic(campus, "LP-301-PB-01", 1);

      gw.send(TestEvents.batch(campus, List.of(panic)));

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gw.acks()).hasSize(2));
      assertThat(gw.acks()).allSatisfy(ack -> assertThat(ack.eventIds()).containsExactly(panic.id()));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-301'")).isEqualTo(1));
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-301'")).isEqualTo(1);
      assertThat(db.count("SELECT occurrences FROM alarms WHERE campus_id = 'LP-301'")).isEqualTo(1);
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-301' AND alarm_pending")).isZero();
    }
  }

  /**
   * Verifies that 1,000 panic presses of one button reaching two hubs at once give one open alarm that counts
   * every press exactly once.
   */
  @Test
  void thousandEventsSameDeviceOneOpenAlarm() throws Exception {
    String campus = "LP-302";
    String device = "LP-302-PB-07";
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      List<UplinkBatch> batches = new ArrayList<>();
      long seq = 1;
      for (int b = 0; b < 20; b++) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          events.add(TestEvents.panic(campus, device, seq++));
        }
        batches.add(TestEvents.batch(campus, events));
      }

      for (UplinkBatch batch : batches) {
        gw.send(batch);
      }

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(gw.acks()).hasSize(40));
      assertThat(gw.acks().stream().mapToLong(a -> a.committedUpTo()).max().orElseThrow()).isEqualTo(1000);
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-302'")).isEqualTo(1000);
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-302' AND alarm_pending")).isZero());
      assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-302' AND state <> 'resolved'")).isEqualTo(1);
      assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-302'")).isEqualTo(1);
      assertThat(db.count("SELECT occurrences FROM alarms WHERE campus_id = 'LP-302'")).isEqualTo(1000);
    }
  }
}
