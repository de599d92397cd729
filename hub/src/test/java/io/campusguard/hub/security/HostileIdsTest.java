package io.campusguard.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.EventIds;
import io.campusguard.devices.Topics;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.telemetry.Measurement;
import io.campusguard.hub.telemetry.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ids on their way to MQTT topics, InfluxDB tags and SQL (issue 8, part 5): a hostile device or campus id is refused
 * where it enters, naming the field, and the hub's own types refuse it again before a tag is written.
 */
class HostileIdsTest {
  private static final List<String> HOSTILE = List.of(
      "x,tag=1 value=2", "'; DROP TABLE events;--", "LP-001/#", "LP+001", "a\u0000b", "..", "", "x".repeat(65), "ĹP-001");
  private final EventCodec codec = EventCodec.withDefaults();

  /** Verifies that an event with a hostile device id in a batch is set aside naming its field, and its good neighbour is kept. */
  @Test
  void hostileDeviceIdsInABatchAreRefusedNamingTheField() {
    for (String id : HOSTILE) {
      String good = new String(codec.encodeBatch(new UplinkBatch("LP-001", EventIds.next(),
          List.of(TestEvents.reading("LP-001", "LP-001-CS-01", 1, 4), TestEvents.reading("LP-001", "LP-001-CS-02", 2, 4)))),
          StandardCharsets.UTF_8);
      String forged = good.replace("\"LP-001-CS-02\"", quoted(id));

      var batch = codec.decodeBatch(forged.getBytes(StandardCharsets.UTF_8)).orElseThrow();

      assertThat(batch.events()).as(id).hasSize(1);
      assertThat(batch.rejected()).as(id).singleElement().satisfies(r -> assertThat(r.rejection().field()).isEqualTo("events[1].device"));
    }
  }

  /** Verifies that a hostile campus id is refused in a batch's frame and in a county topic, before anything is stored. */
  @Test
  void hostileCampusIdsAreRefusedInFrameAndTopic() {
    for (String id : HOSTILE) {
      String frame = "{\"v\":1,\"campus\":" + quoted(id) + ",\"batchId\":\"" + EventIds.next() + "\",\"events\":[]}";
      assertThat(codec.decodeBatch(frame.getBytes(StandardCharsets.UTF_8)).rejection().field()).as(id).isEqualTo("campus");
      assertThat(Topics.parseCounty("county/" + id + "/events").isOk()).as(id).isFalse();
    }
    // control
    assertThat(Topics.parseCounty("county/LP-001/events").isOk()).isTrue();
  }

  /** Verifies that a time-series point refuses a hostile id itself, so no InfluxDB line can carry one as a tag. */
  @Test
  void aSampleRefusesAHostileTag() {
    for (String id : HOSTILE) {
      assertThatThrownBy(() -> new Sample(Measurement.CANTEEN, "LP-001", id, "temperature", Instant.now(), 4))
          .as(id).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("device");
      assertThatThrownBy(() -> new Sample(Measurement.CANTEEN, id, "LP-001-CS-01", "temperature", Instant.now(), 4))
          .as(id).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("campus");
    }
  }

  private static String quoted(String s) {
    return io.vertx.core.json.Json.encode(s);
  }
}
