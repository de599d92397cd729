package io.campusguard.devices.codec;

import static io.campusguard.devices.codec.Fixtures.CAMPUS;
import static io.campusguard.devices.codec.Fixtures.NOW;
import static io.campusguard.devices.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.Decoded;
import io.campusguard.devices.DecodedBatch;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.Priority;
import io.campusguard.devices.Rejection.Reason;
import io.campusguard.devices.Topics;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.PanicEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private final EventCodec codec = Fixtures.codec();

  /** Verifies that every body survives device payload → typed message unchanged. */
  @Test
  void everyBodyRoundTripsAsADevicePayload() {
    for (EventBody body : Fixtures.everyBody()) {
      if (!body.kind().isDeviceKind()) {
        continue;
      }
      String topic = Topics.campusDevice(CAMPUS, body.kind(), "LP-017-DEV-01");
      byte[] payload = codec.encodeDevice(NOW.minusSeconds(3), body);

      var decoded = codec.decodeDevice(topic, payload);

      assertThat(decoded.isOk()).as("%s: %s", body, decoded).isTrue();
      assertThat(decoded.orElseThrow()).isEqualTo(Fixtures.message(body));
    }
  }

  /** Verifies that every body survives envelope encode → decode unchanged, including gateway and alarm kinds. */
  @Test
  void everyBodyRoundTripsInAnEnvelope() {
    long seq = 1;
    for (EventBody body : Fixtures.everyBody()) {
      EventEnvelope e = Fixtures.envelope(body, seq++);
      assertThat(codec.decodeEnvelope(codec.encodeEnvelope(e)).orElseThrow()).isEqualTo(e);
    }
  }

  /** Verifies the documented device payload form, as a device vendor would write it by hand. */
  @Test
  void readsAHandWrittenPanicPress() {
    var decoded =
        codec.decodeDevice(
            "campus/LP-017/panic/LP-017-PB-03",
            utf8("{\"ts\":\"2026-11-28T15:59:58+08:00\",\"action\":\"pressed\",\"firmware\":\"2.1\"}"));

    DeviceMessage m = decoded.orElseThrow();
    assertThat(m.device()).isEqualTo("LP-017-PB-03");
    assertThat(m.kind()).isEqualTo(EventKind.PANIC);
    assertThat(m.sourceTs()).isEqualTo(NOW.minusSeconds(2));
    assertThat(m.body()).isEqualTo(new PanicEvent(PanicEvent.Action.PRESSED));
  }

  /** Verifies that epoch milliseconds are accepted for ts, and a door contact may send a boolean. */
  @Test
  void acceptsEpochMillisAndBooleanDoor() {
    var decoded =
        codec.decodeDevice(
            "campus/LP-017/canteen/LP-017-DOOR-1",
            utf8("{\"ts\":" + NOW.toEpochMilli() + ",\"quantity\":\"door_open\",\"value\":true}"));

    assertThat(decoded.orElseThrow().body()).isEqualTo(CanteenReading.of(CanteenReading.Quantity.DOOR_OPEN, 1));
    assertThat(decoded.orElseThrow().sourceTs()).isEqualTo(NOW);
  }

  /** Verifies that one bad event in a batch is set aside with its index and reason, and the rest are kept. */
  @Test
  void aBadEventInABatchCostsOnlyItself() {
    List<EventEnvelope> events = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      events.add(Fixtures.envelope(new PanicEvent(PanicEvent.Action.PRESSED), i));
    }
    String json = new String(codec.encodeBatch(new UplinkBatch(CAMPUS, EventIds.next(), events)), java.nio.charset.StandardCharsets.UTF_8);
    String broken = json.replaceFirst("\"seq\":2", "\"seq\":-2");

    DecodedBatch batch = codec.decodeBatch(utf8(broken)).orElseThrow();

    assertThat(batch.events()).extracting(EventEnvelope::seq).containsExactly(1L, 3L);
    assertThat(batch.rejected()).singleElement().satisfies(r -> {
      assertThat(r.index()).isEqualTo(1);
      assertThat(r.rejection().field()).isEqualTo("events[1].seq");
      assertThat(r.rejection().reason()).isEqualTo(Reason.OUT_OF_RANGE);
      assertThat(r.raw()).contains("\"seq\":-2");
    });
  }

  /**
   * Verifies that a batch's outbox id (the restart marker) round-trips, that a batch without one (an older gateway)
   * still decodes with none, and that one which is not an outbox id refuses the batch naming the field.
   */
  @Test
  void batchOutboxIdIsOptionalAndChecked() {
    EventEnvelope own = Fixtures.envelope(new PanicEvent(PanicEvent.Action.PRESSED), 1);
    String outbox = EventIds.next();
    byte[] marked = codec.encodeBatch(new UplinkBatch(CAMPUS, EventIds.next(), List.of(own), outbox));
    byte[] older = codec.encodeBatch(new UplinkBatch(CAMPUS, EventIds.next(), List.of(own)));

    assertThat(codec.decodeBatch(marked).orElseThrow().outboxId()).isEqualTo(outbox);
    assertThat(codec.decodeBatch(older).orElseThrow().outboxId()).isNull();
    assertThat(new String(older, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("outboxId");
    String hostile = new String(marked, java.nio.charset.StandardCharsets.UTF_8).replace(outbox, "x,tag=1 value=2");
    assertThat(codec.decodeBatch(utf8(hostile)).rejection())
        .satisfies(r -> assertThat(r.field()).isEqualTo("outboxId"))
        .satisfies(r -> assertThat(r.reason()).isEqualTo(Reason.INVALID_ID));
  }

  /** Verifies that an event claiming another campus inside a campus's batch is refused as a mismatch. */
  @Test
  void anEventForAnotherCampusInABatchIsAMismatch() {
    EventEnvelope own = Fixtures.envelope(new PanicEvent(PanicEvent.Action.PRESSED), 1);
    String json = new String(codec.encodeBatch(new UplinkBatch(CAMPUS, EventIds.next(), List.of(own))), java.nio.charset.StandardCharsets.UTF_8);
    String forged = json.replace("\"campus\":\"LP-017\",\"device\"", "\"campus\":\"LP-099\",\"device\"");

    DecodedBatch batch = codec.decodeBatch(utf8(forged)).orElseThrow();

    assertThat(batch.events()).isEmpty();
    assertThat(batch.rejected()).singleElement().extracting(r -> r.rejection().reason()).isEqualTo(Reason.CAMPUS_MISMATCH);
  }

  /**
   * Verifies that an ack carries the hub's time when it has one, that an ack without it (an older hub) still
   * decodes with none, and that the hub's time is read even when far from ours (measuring that is its use).
   */
  @Test
  void ackHubTimeIsOptionalAndNotHeldToOurClock() {
    String id = EventIds.next();
    CommitAck withTime = new CommitAck(CAMPUS, List.of(id), 7, Instant.parse("2026-11-28T08:00:00.123Z"));
    assertThat(codec.decodeAck(codec.encodeAck(withTime)).orElseThrow()).isEqualTo(withTime);

    String older = "{\"campus\":\"LP-017\",\"committedUpTo\":7,\"eventIds\":[\"" + id + "\"]}";
    CommitAck decoded = codec.decodeAck(utf8(older)).orElseThrow();
    assertThat(decoded.hubTs()).isNull();
    assertThat(decoded).isEqualTo(new CommitAck(CAMPUS, List.of(id), 7));
    assertThat(new String(codec.encodeAck(decoded), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("hubTs");

    String farAhead = "{\"campus\":\"LP-017\",\"hubTs\":\"2099-01-01T00:00:00Z\",\"eventIds\":[]}";
    assertThat(codec.decodeAck(utf8(farAhead)).orElseThrow().hubTs()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
    String epochMillis = "{\"campus\":\"LP-017\",\"hubTs\":1764316800123}";
    assertThat(codec.decodeAck(utf8(epochMillis)).orElseThrow().hubTs()).isEqualTo(Instant.ofEpochMilli(1764316800123L));
    Decoded<CommitAck> bad = codec.decodeAck(utf8("{\"campus\":\"LP-017\",\"hubTs\":\"yesterday\"}"));
    assertThat(bad.isOk()).isFalse();
    assertThat(bad.rejection().field()).isEqualTo("hubTs");
  }

  /**
   * Verifies that an ack names the outbox its committed-up-to counts, round trip and all; that an outbox acts on
   * that number only when the ack names it (a reinstalled gateway's new outbox must not delete by its old one's),
   * keeping the event ids either way; and that a malformed outbox id is refused naming the field.
   */
  @Test
  void ackCommittedUpToCountsOnlyForTheOutboxItNames() {
    String id = EventIds.next();
    String mine = EventIds.next();
    String before = EventIds.next();
    CommitAck ack = new CommitAck(CAMPUS, List.of(id), 500, Instant.parse("2026-11-28T08:00:00Z"), before);
    assertThat(codec.decodeAck(codec.encodeAck(ack)).orElseThrow()).isEqualTo(ack);

    assertThat(ack.forOutbox(before)).isSameAs(ack);
    CommitAck forMine = ack.forOutbox(mine);
    assertThat(forMine.committedUpTo()).isZero();
    assertThat(forMine.eventIds()).containsExactly(id);
    // An older hub's ack names no outbox: only an outbox without an id may count by it.
    CommitAck older = new CommitAck(CAMPUS, List.of(id), 500);
    assertThat(older.forOutbox(mine).committedUpTo()).isZero();
    assertThat(older.forOutbox(null).committedUpTo()).isEqualTo(500);

    Decoded<CommitAck> bad = codec.decodeAck(utf8("{\"campus\":\"LP-017\",\"committedUpTo\":3,\"outboxId\":\"x,tag=1\"}"));
    assertThat(bad.isOk()).isFalse();
    assertThat(bad.rejection().field()).isEqualTo("outboxId");
  }

  /** Verifies that commit acks and gateway status round-trip. */
  @Test
  void acksAndStatusRoundTrip() {
    CommitAck ack = new CommitAck(CAMPUS, List.of(EventIds.next(), EventIds.next()), 42);
    assertThat(codec.decodeAck(codec.encodeAck(ack)).orElseThrow()).isEqualTo(ack);

    GatewayStatus status =
        new GatewayStatus(
            CAMPUS,
            "LP-017-GW",
            NOW,
            new GatewayHealth(
                GatewayHealth.State.STARTED,
                "b1",
                Map.of(Priority.P0, new GatewayHealth.LaneStats(1, 20, 0)),
                5,
                Map.of("mqtt", GatewayHealth.ConnectorState.UP)));
    assertThat(codec.decodeStatus(codec.encodeStatus(status)).orElseThrow()).isEqualTo(status);
  }

  /** Verifies that a newer envelope version is refused as unsupported, not misread. */
  @Test
  void refusesANewerEnvelopeVersion() {
    EventEnvelope e = Fixtures.envelope(new PanicEvent(PanicEvent.Action.PRESSED), 1);
    String json = new String(codec.encodeEnvelope(e), java.nio.charset.StandardCharsets.UTF_8).replace("\"v\":1", "\"v\":2");

    var decoded = codec.decodeEnvelope(utf8(json));

    assertThat(decoded.rejection().field()).isEqualTo("v");
    assertThat(decoded.rejection().reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
  }
}
