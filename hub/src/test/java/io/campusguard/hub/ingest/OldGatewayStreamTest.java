package io.campusguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.Topics;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A gateway one version older than the hub: the recorded stream of a v1 gateway without outbox ids
 * (src/test/resources/streams/gateway-v1.jsonl, never regenerated) published through the real Mosquitto to a running
 * hub. And the other direction: an envelope from a future version is refused with its reason and kept aside.
 */
@Timeout(300)
class OldGatewayStreamTest {
  private static final String CAMPUS = "LP-017";
  private static final Instant RECORDED = Instant.parse("2026-11-29T03:00:00Z");
  private static final Duration REPORTING = Duration.ofMinutes(10);
  private final EventCodec codec = EventCodec.withDefaults();

  /**
   * Verifies that every event of the recorded v1 stream is stored once (its resent batch included), that each batch
   * is acked in the form that gateway knows (no outbox id; committed-up-to counts its outbox-less stream), and that
   * its alarms are raised.
   */
  @Test
  void aRecordedV1GatewayStreamIsStoredOnceAckedAndRaisesItsAlarms() throws Exception {
    List<String> lines = recordedStream();
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      new JsonObject(line).getJsonArray("events").forEach(e -> ids.add(((JsonObject) e).getString("id")));
      assertThat(new JsonObject(line).containsKey("outboxId")).as("a v1 batch names no outbox").isFalse();
    }
    assertThat(lines).hasSize(4);
    assertThat(ids).hasSize(7);

    try (TestDatabase db = new TestDatabase();
        TestHub hub = new TestHub(db.config(), group(), REPORTING, null, null, clockJustAfterTheRecording());
        ScriptedGateway gateway = new ScriptedGateway(CAMPUS)) {
      // when the old gateway's batches arrive, in the recorded order, on the topic it used
      for (String line : lines) {
        gateway.publishRaw(Topics.county(CAMPUS, Topics.CountyChannel.EVENTS), line.getBytes(StandardCharsets.UTF_8));
      }

      // then every event is stored once, the resent batch's event included
      // (an ack is kept raw, then decoded)
      await().atMost(Duration.ofSeconds(60)).until(() -> gateway.rawAcks().size() == lines.size() && gateway.acks().size() == lines.size());
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = '" + CAMPUS + "'")).isEqualTo(ids.size());
      assertThat(db.count("SELECT count(DISTINCT id) FROM events WHERE campus_id = '" + CAMPUS + "' AND outbox_id = ''")).isEqualTo(ids.size());
      assertThat(db.count("SELECT count(*) FROM dead_letters")).isZero();

      // each ack is one that gateway decodes: the fields it knew, no outbox id, every event id acknowledged
      Set<String> acked = new HashSet<>();
      for (String raw : gateway.rawAcks()) {
        JsonObject ack = new JsonObject(raw);
        assertThat(ack.fieldNames()).as(raw).doesNotContain("outboxId").contains("campus", "committedUpTo", "eventIds");
        CommitAck decoded = codec.decodeAck(raw.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(decoded.campus()).isEqualTo(CAMPUS);
        assertThat(decoded.outboxId()).isNull();
        acked.addAll(decoded.eventIds());
      }
      assertThat(acked).isEqualTo(ids);
      // the whole outbox-less stream 1..7 is committed, so the old gateway may delete up to 7
      await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
          "SELECT committed_up_to FROM campus_progress WHERE campus_id = '" + CAMPUS + "' AND outbox_id = ''") == 7);
      assertThat(gateway.acks().stream().mapToLong(CommitAck::committedUpTo).max().orElseThrow()).isEqualTo(7);

      // and its alarms are raised: the panic press, the camera outage, the gateway's local cold-store alarm
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(alarmTypes(hub))
          .containsExactlyInAnyOrder("panic", "camera_offline", "cold_store_high"));
      JsonObject panic = alarms(hub).stream().filter(a -> a.getString("type").equals("panic")).findFirst().orElseThrow();
      assertThat(panic.getString("severity")).isEqualTo("P0");
      assertThat(panic.getString("device")).isEqualTo("LP-017-PB-03");
      assertThat(panic.getInteger("occurrences")).isEqualTo(1);
    }
  }

  /**
   * Verifies that a batch of a future envelope version is refused whole, counted and kept with the reason, and that
   * one future event inside a v1 batch is set aside alone (and acked, so it is not resent for ever), while the good
   * events around it are stored and the hub goes on.
   */
  @Test
  void aFutureEnvelopeVersionIsRefusedWithItsReasonAndKeptAside() throws Exception {
    String campus = "LP-F" + UUID.randomUUID().toString().substring(0, 6);
    try (TestDatabase db = new TestDatabase();
        TestHub hub = new TestHub(db.config(), group(), REPORTING);
        ScriptedGateway gateway = new ScriptedGateway(campus)) {
      String topic = Topics.county(campus, Topics.CountyChannel.EVENTS);
      // given a whole batch of version 2
      JsonObject future = json(TestEvents.batch(campus, List.of(TestEvents.panic(campus, campus + "-PB-01", 1)))).put("v", 2);
      gateway.publishRaw(topic, future.encode().getBytes(StandardCharsets.UTF_8));
      // and a v1 batch with a version 2 event between two good ones
      JsonObject mixed = json(TestEvents.batch(campus, List.of(
          TestEvents.reading(campus, campus + "-CS-01", 2, 3.5),
          TestEvents.panic(campus, campus + "-PB-02", 3),
          TestEvents.reading(campus, campus + "-CS-01", 4, 3.6))));
      JsonObject futureEvent = mixed.getJsonArray("events").getJsonObject(1).put("v", 2);
      gateway.publishRaw(topic, mixed.encode().getBytes(StandardCharsets.UTF_8));

      // then both are kept aside with the reason, naming the field (the mixed batch's ack comes after its commit)
      await().atMost(Duration.ofSeconds(60)).until(() -> gateway.acks().size() == 1
          && db.count("SELECT count(*) FROM dead_letters") == 2);
      assertThat(db.count("SELECT count(*) FROM dead_letters WHERE campus_id = '" + campus + "' AND reason = 'UNSUPPORTED_VERSION' "
          + "AND field = 'v' AND detail LIKE '%version 2 is newer than 1%'")).isEqualTo(1);
      assertThat(db.count("SELECT count(*) FROM dead_letters WHERE campus_id = '" + campus + "' AND reason = 'UNSUPPORTED_VERSION' "
          + "AND field = 'events[1].v'")).isEqualTo(1);
      // the good events of the mixed batch are stored, the future ones are not
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = '" + campus + "'")).isEqualTo(2);
      // the mixed batch is acked with its future event too (it would be refused again); the refused batch is not acked
      assertThat(gateway.acks()).hasSize(1);
      assertThat(gateway.acks().get(0).eventIds()).contains(futureEvent.getString("id")).hasSize(3);
      // counted on /metrics
      String metrics = new HubHttp(hub).get("/metrics").body();
      assertThat(metrics).contains("cg_ingest_batches_rejected_total 1.0").contains("cg_ingest_events_total{result=\"rejected\"} 1.0");

      // and the hub goes on: a good panic right after raises its alarm
      gateway.send(TestEvents.batch(campus, List.of(TestEvents.panic(campus, campus + "-PB-03", 5))));
      await().atMost(Duration.ofSeconds(60)).until(() -> db.count("SELECT count(*) FROM alarms WHERE campus_id = '" + campus + "'") == 1);
      assertThat(db.count("SELECT count(*) FROM alarms WHERE device_id = '" + campus + "-PB-03'")).isEqualTo(1);
    }
  }

  private static List<String> recordedStream() throws IOException {
    try (InputStream in = OldGatewayStreamTest.class.getResourceAsStream("/streams/gateway-v1.jsonl")) {
      assertThat(in).as("streams/gateway-v1.jsonl on the test classpath").isNotNull();
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      return lines;
    }
  }

  /** The hub's clock as it was two minutes after the recording began, running on from there. */
  private static Clock clockJustAfterTheRecording() {
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), RECORDED.plus(Duration.ofMinutes(2))));
  }

  private JsonObject json(io.campusguard.devices.UplinkBatch batch) {
    return new JsonObject(new String(codec.encodeBatch(batch), StandardCharsets.UTF_8));
  }

  private static List<JsonObject> alarms(TestHub hub) throws Exception {
    JsonArray alarms = new JsonObject(new HubHttp(hub).get("/api/alarms?campus=" + CAMPUS).body()).getJsonArray("alarms");
    return alarms.stream().map(JsonObject.class::cast).toList();
  }

  private static List<String> alarmTypes(TestHub hub) throws Exception {
    return alarms(hub).stream().map(a -> a.getString("type")).toList();
  }

  private static String group() {
    return "v" + UUID.randomUUID().toString().substring(0, 8);
  }
}
