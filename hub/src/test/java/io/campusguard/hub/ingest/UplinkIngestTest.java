package io.campusguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Topics;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ingest end to end: a scripted gateway on the real Mosquitto, one hub, the real PostgreSQL. */
@Timeout(120)
class UplinkIngestTest {
  private static TestDatabase db;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "g" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies that the same batch delivered twice gives one row per event, one alarm, and two full acks. */
  @Test
  void sameBatchTwiceIsStoredOnceAndAckedTwice() throws Exception {
    String campus = "LP-201";
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      List<EventEnvelope> events = List.of(TestEvents.panic(campus, "LP-201-PB-01", 1), TestEvents.reading(campus, "LP-201-CS-01", 2, 4.0));
      UplinkBatch batch = TestEvents.batch(campus, events);

      gw.send(batch);
      gw.send(batch);

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gw.acks()).hasSize(2));
      for (CommitAck ack : gw.acks()) {
        assertThat(ack.campus()).isEqualTo(campus);
        assertThat(ack.eventIds()).containsExactlyInAnyOrderElementsOf(events.stream().map(EventEnvelope::id).toList());
        assertThat(ack.committedUpTo()).isEqualTo(2);
      }
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-201'")).isEqualTo(2);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-201' AND type = 'panic'")).isEqualTo(1));
      assertThat(db.count("SELECT occurrences FROM alarms WHERE campus_id = 'LP-201' AND type = 'panic'")).isEqualTo(1);
    }
  }

  /**
   * Verifies that a panic batch on the alarms channel, sent after a telemetry backlog on the events channel, is
   * committed, raised and acked before that backlog is: the alarm does not queue behind telemetry.
   */
  @Test
  void alarmOnItsOwnChannelOvertakesATelemetryBacklog() throws Exception {
    String campus = "LP-206";
    int batches = 200;
    int perBatch = 500;
    io.campusguard.devices.codec.EventCodec codec = io.campusguard.devices.codec.EventCodec.withDefaults();
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      // encoded first, so the backlog reaches the broker faster than one hub commits it
      List<byte[]> backlog = new java.util.ArrayList<>();
      long seq = 1;
      for (int b = 0; b < batches; b++) {
        List<EventEnvelope> readings = new java.util.ArrayList<>();
        for (int i = 0; i < perBatch; i++, seq++) {
          readings.add(TestEvents.reading(campus, "LP-206-CS-" + String.format("%02d", i % 20), seq, 4.0));
        }
        backlog.add(codec.encodeBatch(TestEvents.batch(campus, readings)));
      }
      EventEnvelope press = TestEvents.panic(campus, "LP-206-PB-01", seq);
      for (byte[] payload : backlog) {
        gw.publishRaw(Topics.county(campus, Topics.CountyChannel.EVENTS), payload);
      }
      gw.publishRaw(Topics.county(campus, Topics.CountyChannel.ALARMS), codec.encodeBatch(TestEvents.batch(campus, List.of(press))));

      await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(gw.acks()).hasSizeGreaterThanOrEqualTo(batches + 1));
      List<CommitAck> acks = gw.acks();
      int pressAck = java.util.stream.IntStream.range(0, acks.size()).filter(i -> acks.get(i).eventIds().contains(press.id()))
          .findFirst().orElseThrow();
      assertThat(batches - pressAck).as("telemetry batches acked after the alarm").isPositive();
      // the alarm is raised after its ack, on its own time
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-206' AND type = 'panic'")).isEqualTo(1));
      assertThat(db.count("SELECT count(*) FROM events WHERE device_id LIKE 'LP-206-CS-%'")).isEqualTo((long) batches * perBatch);
    }
  }

  /** Verifies that a bad event is dead-lettered with its reason while its neighbours are stored and acked. */
  @Test
  void badEventIsKeptAsideNeighboursStored() throws Exception {
    String campus = "LP-202";
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      EventEnvelope one = TestEvents.reading(campus, "LP-202-CS-01", 1, 4.0);
      EventEnvelope three = TestEvents.reading(campus, "LP-202-CS-01", 3, 4.2);
      String good1 = new String(io.campusguard.devices.codec.EventCodec.withDefaults().encodeEnvelope(one), StandardCharsets.UTF_8);
      String good3 = new String(io.campusguard.devices.codec.EventCodec.withDefaults().encodeEnvelope(three), StandardCharsets.UTF_8);
      // the middle event's value is far outside what a cold store can read
      String bad = good3.replace("\"seq\":3", "\"seq\":2").replace(three.id(), UUID.randomUUID().toString())
          .replaceAll("\"value\":[0-9.]+", "\"value\":999.0");
      String batch = "{\"v\":1,\"campus\":\"" + campus + "\",\"batchId\":\"" + io.campusguard.devices.EventIds.next()
          + "\",\"events\":[" + good1 + "," + bad + "," + good3 + "]}";

      gw.publishRaw(Topics.county(campus, Topics.CountyChannel.EVENTS), batch.getBytes(StandardCharsets.UTF_8));

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gw.acks()).hasSize(1));
      assertThat(gw.acks().get(0).eventIds()).contains(one.id(), three.id());
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-202'")).isEqualTo(2);
      assertThat(db.count("SELECT count(*) FROM dead_letters WHERE campus_id = 'LP-202' AND field LIKE 'events[1]%' AND reason = 'OUT_OF_RANGE'")).isEqualTo(1);
      // the refused seq 2 holds committed-up-to at 1
      assertThat(gw.acks().get(0).committedUpTo()).isEqualTo(1);
    }
  }

  /** Verifies that a batch naming another campus than its topic is refused: nothing stored, nothing acked. */
  @Test
  void batchForAnotherCampusIsRefused() throws Exception {
    try (ScriptedGateway intruder = new ScriptedGateway("LP-203"); ScriptedGateway victim = new ScriptedGateway("LP-204")) {
      UplinkBatch forged = TestEvents.batch("LP-204", List.of(TestEvents.panic("LP-204", "LP-204-PB-01", 1)));
      byte[] payload = io.campusguard.devices.codec.EventCodec.withDefaults().encodeBatch(forged);

      intruder.publishRaw(Topics.county("LP-203", Topics.CountyChannel.EVENTS), payload);

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM dead_letters WHERE campus_id = 'LP-203' AND reason = 'CAMPUS_MISMATCH'")).isEqualTo(1));
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id IN ('LP-203', 'LP-204')")).isZero();
      assertThat(intruder.acks()).isEmpty();
      assertThat(victim.acks()).isEmpty();
      assertThat(hub.verticle().counters().campusMismatches()).isEqualTo(1);

      // control: the same batch on its own topic is stored
      victim.publishRaw(Topics.county("LP-204", Topics.CountyChannel.EVENTS), payload);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(victim.acks()).hasSize(1));
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-204'")).isEqualTo(1);
    }
  }

  /** Verifies that garbage on an events topic is kept aside and does not stop ingest. */
  @Test
  void garbageIsDeadLetteredAndIngestGoesOn() throws Exception {
    String campus = "LP-205";
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.publishRaw(Topics.county(campus, Topics.CountyChannel.EVENTS), "{not json\u0000".getBytes(StandardCharsets.UTF_8));
      gw.send(TestEvents.batch(campus, List.of(TestEvents.reading(campus, "LP-205-CS-01", 1, 3.0))));

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gw.acks()).hasSize(1));
      // batches are decoded unordered: the garbage may be kept aside after the good batch's ack
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM dead_letters WHERE campus_id = 'LP-205' AND reason = 'NOT_JSON'")).isEqualTo(1));
    }
  }
}
