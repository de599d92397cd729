package io.campusguard.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.Topics;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replay and substitution end to end (issue 8, part 3), and campus mismatches (part 1): scripted gateways on the real Mosquitto, one hub, the real
 * PostgreSQL; findings read back through {@code GET /api/security-events} and {@code /metrics}.
 */
@Timeout(120)
class SubstitutionEndToEndTest {
  private static final EventCodec CODEC = EventCodec.withDefaults();
  private static TestDatabase db;
  private static TestHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "s" + UUID.randomUUID().toString().substring(0, 8));
    http = new HubHttp(hub);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /**
   * Verifies that a captured alarm publish replayed byte for byte is stored and shown once (one event, one alarm
   * with one occurrence), acked again, counted as a duplicate, and is no security event (its id is the same).
   */
  @Test
  void aReplayedAlarmPublishIsShownOnceAndCounted() throws Exception {
    String campus = "LP-301";
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      byte[] captured = CODEC.encodeBatch(new UplinkBatch(campus, EventIds.next(), List.of(TestEvents.panic(campus, campus + "-PB-01", 1)),
          EventIds.next()));
      double duplicatesBefore = metric("cg_ingest_events_total{result=\"duplicate\"");

      gw.publishRaw(Topics.county(campus, Topics.CountyChannel.ALARMS), captured);
      await().atMost(Duration.ofSeconds(20)).until(() -> gw.acks().size() == 1);
      gw.publishRaw(Topics.county(campus, Topics.CountyChannel.ALARMS), captured);
      await().atMost(Duration.ofSeconds(20)).until(() -> gw.acks().size() == 2);

      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = '" + campus + "'")).isEqualTo(1);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          db.count("SELECT count(*) FROM alarms WHERE campus_id = '" + campus + "' AND type = 'panic'") == 1);
      assertThat(db.count("SELECT occurrences FROM alarms WHERE campus_id = '" + campus + "'")).isEqualTo(1);
      JsonArray shown = new JsonObject(http.get("/api/alarms?campus=" + campus).body()).getJsonArray("alarms");
      assertThat(shown).hasSize(1);
      assertThat(metric("cg_ingest_events_total{result=\"duplicate\"")).isEqualTo(duplicatesBefore + 1);
      assertThat(securityEvents(campus)).isEmpty();
    }
  }

  /**
   * Verifies that a new event id with a sequence number the same outbox already used is stored, and raises one
   * sequence_reused security event (stored, counted, listed); and, as the control, that a reinstalled gateway (a
   * newer outbox id) starting again at 1 raises none.
   */
  @Test
  void aSequenceGoingBackWithoutAMarkerIsPossibleSubstitution() throws Exception {
    String campus = "LP-302";
    String outbox = EventIds.next();
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.send(new UplinkBatch(campus, EventIds.next(), List.of(reading(campus, 1), reading(campus, 2), reading(campus, 3)), outbox));
      await().atMost(Duration.ofSeconds(20)).until(() -> gw.acks().size() == 1);
      String reinstalled = EventIds.next();
      gw.send(new UplinkBatch(campus, EventIds.next(), List.of(reading(campus, 1), reading(campus, 2)), reinstalled));
      await().atMost(Duration.ofSeconds(20)).until(() -> gw.acks().size() == 2);
      assertThat(securityEvents(campus)).as("a declared reset").isEmpty();
      double before = metric("cg_security_events_total{kind=\"sequence_reused\"");

      EventEnvelope forged = reading(campus, 2);
      gw.send(new UplinkBatch(campus, EventIds.next(), List.of(forged), reinstalled));

      await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(campus).size() == 1);
      JsonObject e = securityEvents(campus).getJsonObject(0);
      assertThat(e.getString("kind")).isEqualTo("sequence_reused");
      assertThat(e.getString("detail")).contains("sequence 2", forged.id(), reinstalled);
      assertThat(e.getInteger("occurrences")).isEqualTo(1);
      assertThat(metric("cg_security_events_total{kind=\"sequence_reused\"")).isEqualTo(before + 1);
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = '" + campus + "'")).isEqualTo(6);
    }
  }

  /** Verifies that a gateway without outbox ids (older than the marker) restarting its sequence is flagged: it has no marker. */
  @Test
  void aResetWithoutAnyMarkerIsFlagged() throws Exception {
    String campus = "LP-303";
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.send(TestEvents.batch(campus, List.of(reading(campus, 1), reading(campus, 2))));
      await().atMost(Duration.ofSeconds(20)).until(() -> gw.acks().size() == 1);
      assertThat(securityEvents(campus)).isEmpty();

      gw.send(TestEvents.batch(campus, List.of(reading(campus, 1))));

      await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(campus).size() == 1);
      assertThat(securityEvents(campus).getJsonObject(0).getString("detail")).contains("no outbox id");
    }
  }

  /** Verifies that batches of an older outbox after a newer one raise outbox_interleaved once per pair, counted each time. */
  @Test
  void twoOutboxesTakingTurnsAreFlagged() throws Exception {
    String campus = "LP-304";
    String first = EventIds.next();
    String second = EventIds.next();
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.send(new UplinkBatch(campus, EventIds.next(), List.of(reading(campus, 1)), first));
      await().atMost(Duration.ofSeconds(20)).until(() -> gw.acks().size() == 1);
      gw.send(new UplinkBatch(campus, EventIds.next(), List.of(reading(campus, 1_000)), second));
      await().atMost(Duration.ofSeconds(20)).until(() -> gw.acks().size() == 2);
      assertThat(securityEvents(campus)).isEmpty();

      gw.send(new UplinkBatch(campus, EventIds.next(), List.of(reading(campus, 2)), first));
      gw.send(new UplinkBatch(campus, EventIds.next(), List.of(reading(campus, 3)), first));

      await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(campus).size() == 1
          && securityEvents(campus).getJsonObject(0).getInteger("occurrences") == 2);
      assertThat(securityEvents(campus).getJsonObject(0).getString("kind")).isEqualTo("outbox_interleaved");
    }
  }

  /**
   * Verifies that two gateways heartbeating as one campus with their own boot ids, taking turns, raise two_sessions;
   * and, as the control, that one gateway replaced by another (a restart) raises nothing.
   */
  @Test
  void twoLiveSessionsWithOneIdentityAreFlagged() throws Exception {
    String campus = "LP-305";
    try (ScriptedGateway a = new ScriptedGateway(campus); ScriptedGateway b = new ScriptedGateway(campus)) {
      a.status(GatewayHealth.State.STARTED);
      a.status(GatewayHealth.State.HEARTBEAT);
      b.status(GatewayHealth.State.STARTED);
      b.status(GatewayHealth.State.HEARTBEAT);
      // the restart alone: nothing (waits until the hub has taken b's heartbeat, which its checks see first; a
      // heartbeat time on record may still be a's)
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        JsonObject gateway = new JsonObject(http.get("/api/campuses/" + campus).body()).getJsonObject("gateway");
        return gateway != null && b.bootId().equals(gateway.getString("bootId")) && "heartbeat".equals(gateway.getString("state"));
      });
      assertThat(securityEvents(campus)).isEmpty();

      a.status(GatewayHealth.State.HEARTBEAT);

      await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(campus).size() == 1);
      assertThat(securityEvents(campus).getJsonObject(0).getString("kind")).isEqualTo("two_sessions");
      assertThat(metric("cg_security_events_total{kind=\"two_sessions\"")).isGreaterThanOrEqualTo(1);
    }
  }

  /**
   * Verifies that a batch naming another campus than its topic is refused as before (nothing stored or acked, kept
   * aside with its reason) and is a campus_mismatch security event: stored under the sender's campus, counted in
   * /metrics once per refused batch, listed; a second forged batch counts on the same row. As the control, the same
   * batch on its own campus's topic is stored and raises nothing.
   */
  @Test
  void aBatchForAnotherCampusIsAStoredSecurityEvent() throws Exception {
    String sender = "LP-306";
    String victim = "LP-307";
    try (ScriptedGateway intruder = new ScriptedGateway(sender); ScriptedGateway owner = new ScriptedGateway(victim)) {
      double before = metric("cg_security_events_total{kind=\"campus_mismatch\"");
      UplinkBatch forged = TestEvents.batch(victim, List.of(TestEvents.panic(victim, victim + "-PB-01", 1)));

      intruder.publishRaw(Topics.county(sender, Topics.CountyChannel.ALARMS), CODEC.encodeBatch(forged));

      await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(sender).size() == 1);
      JsonObject e = securityEvents(sender).getJsonObject(0);
      assertThat(e.getString("kind")).isEqualTo("campus_mismatch");
      assertThat(e.getString("campus")).isEqualTo(sender);
      assertThat(e.getString("detail")).contains(forged.batchId(), "claims campus " + victim);
      assertThat(e.getInteger("occurrences")).isEqualTo(1);
      assertThat(metric("cg_security_events_total{kind=\"campus_mismatch\"")).isEqualTo(before + 1);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          db.count("SELECT count(*) FROM dead_letters WHERE campus_id = '" + sender + "' AND reason = 'CAMPUS_MISMATCH'") == 1);
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id IN ('" + sender + "', '" + victim + "')")).isZero();
      assertThat(intruder.acks()).isEmpty();
      assertThat(owner.acks()).isEmpty();

      UplinkBatch again = TestEvents.batch(victim, List.of(TestEvents.panic(victim, victim + "-PB-02", 2)));
      intruder.publishRaw(Topics.county(sender, Topics.CountyChannel.EVENTS), CODEC.encodeBatch(again));
      await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(sender).getJsonObject(0).getInteger("occurrences") == 2);
      assertThat(securityEvents(sender)).hasSize(1);
      assertThat(metric("cg_security_events_total{kind=\"campus_mismatch\"")).isEqualTo(before + 2);
      assertThat(http.get("/api/security-events").body()).contains("campus_mismatch");

      // control: the forged batch on its own campus's topic is stored and is no security event
      owner.publishRaw(Topics.county(victim, Topics.CountyChannel.ALARMS), CODEC.encodeBatch(forged));
      await().atMost(Duration.ofSeconds(20)).until(() -> owner.acks().size() == 1);
      assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = '" + victim + "'")).isEqualTo(1);
      assertThat(securityEvents(victim)).isEmpty();
      assertThat(intruder.acks()).isEmpty();
    }
  }

  /** Verifies that the list refuses a hostile campus filter with 400 naming the field, before any SQL. */
  @Test
  void theListRefusesAHostileCampus() throws Exception {
    var r = http.get("/api/security-events?campus=x%27%3B%20DROP%20TABLE%20events%3B--");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("error")).startsWith("campus");
    assertThat(http.get("/api/security-events?limit=5").statusCode()).isEqualTo(200);
  }

  private static EventEnvelope reading(String campus, long seq) {
    return TestEvents.reading(campus, campus + "-CS-01", seq, 4.0);
  }

  private static JsonArray securityEvents(String campus) throws Exception {
    var r = http.get("/api/security-events?campus=" + campus);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("securityEvents");
  }

  /** The value of the first /metrics line starting with {@code prefix} (0 when absent). */
  private static double metric(String prefix) throws Exception {
    for (String line : http.get("/metrics").body().split("\n")) {
      if (line.startsWith(prefix)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
