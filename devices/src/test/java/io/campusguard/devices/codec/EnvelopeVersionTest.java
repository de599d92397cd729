package io.campusguard.devices.codec;

import static io.campusguard.devices.codec.Fixtures.CAMPUS;
import static io.campusguard.devices.codec.Fixtures.NOW;
import static io.campusguard.devices.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.DecodedBatch;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.Rejection.Reason;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.PanicEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The version field across an upgrade: a hub is upgraded before its gateways, so it must read every older version and
 * refuse, with a reason an operator can act on, anything newer than it knows (a gateway upgraded too early).
 */
class EnvelopeVersionTest {
  private final EventCodec codec = Fixtures.codec();

  /** Verifies that a batch frame of a newer version is refused whole, naming the field and both versions. */
  @Test
  void aBatchOfANewerVersionIsRefusedWhole() {
    String json = batchJson().replaceFirst("^\\{\"v\":1,", "{\"v\":2,");
    assertThat(json).startsWith("{\"v\":2,");

    var decoded = codec.decodeBatch(utf8(json));

    assertThat(decoded.isOk()).isFalse();
    assertThat(decoded.rejection().field()).isEqualTo("v");
    assertThat(decoded.rejection().reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
    assertThat(decoded.rejection().detail()).contains("version 2 is newer than 1");
    // control: the same batch at version 1 decodes
    assertThat(codec.decodeBatch(utf8(batchJson())).isOk()).isTrue();
  }

  /** Verifies that one newer event inside a v1 batch is set aside alone, with its index, and the others are kept. */
  @Test
  void aNewerEventInsideABatchIsSetAsideAlone() {
    String json = batchJson();
    int second = json.indexOf("{\"v\":1,", json.indexOf("\"events\":[") + 12);
    String mixed = json.substring(0, second) + "{\"v\":7," + json.substring(second + "{\"v\":1,".length());

    DecodedBatch batch = codec.decodeBatch(utf8(mixed)).orElseThrow();

    assertThat(batch.events()).extracting(e -> e.seq()).containsExactly(1L, 3L);
    assertThat(batch.rejected()).hasSize(1);
    DecodedBatch.RejectedItem item = batch.rejected().get(0);
    assertThat(item.index()).isEqualTo(1);
    assertThat(item.rejection().field()).isEqualTo("events[1].v");
    assertThat(item.rejection().reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
    assertThat(item.raw()).contains("\"v\":7");
  }

  /** Verifies that versions below 1, or not numbers, are refused as out of range or of the wrong type, never read as 1. */
  @Test
  void versionsBelowOneOrNotNumbersAreRefused() {
    assertThat(codec.decodeBatch(utf8(batchJson().replaceFirst("^\\{\"v\":1,", "{\"v\":0,"))).rejection().reason())
        .isEqualTo(Reason.OUT_OF_RANGE);
    assertThat(codec.decodeBatch(utf8(batchJson().replaceFirst("^\\{\"v\":1,", "{\"v\":\"1\","))).rejection().field())
        .isEqualTo("v");
    assertThat(codec.decodeBatch(utf8(batchJson().replaceFirst("^\\{\"v\":1,", "{"))).rejection().field())
        .isEqualTo("v");
  }

  /** Verifies that a gateway status of a newer version is refused too, and a v1 status read. */
  @Test
  void aStatusOfANewerVersionIsRefused() {
    GatewayStatus status = new GatewayStatus(CAMPUS, "gw-" + CAMPUS, NOW,
        new GatewayHealth(GatewayHealth.State.HEARTBEAT, "b1", Map.of(), 0, Map.of()));
    String json = new String(codec.encodeStatus(status), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(codec.decodeStatus(utf8(json.replace("\"v\":1", "\"v\":2"))).rejection().reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
    assertThat(codec.decodeStatus(utf8(json)).orElseThrow()).isEqualTo(status);
  }

  /**
   * Verifies that an ack to a batch that named no outbox (an older gateway's) carries no outbox id on the wire, and
   * that an older hub's ack (no hubTs, no outboxId) still decodes: old and new meet in both directions.
   */
  @Test
  void acksCarryOnlyTheFieldsTheOtherSideKnows() {
    String id = EventIds.next();
    String forOldGateway = new String(codec.encodeAck(new CommitAck(CAMPUS, List.of(id), 3, NOW, null)), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(forOldGateway).doesNotContain("outboxId").contains("\"committedUpTo\":3");

    CommitAck fromOldHub = codec.decodeAck(utf8("{\"campus\":\"" + CAMPUS + "\",\"committedUpTo\":3,\"eventIds\":[\"" + id + "\"]}")).orElseThrow();
    assertThat(fromOldHub).isEqualTo(new CommitAck(CAMPUS, List.of(id), 3));
  }

  private String batchJson() {
    UplinkBatch batch = new UplinkBatch(CAMPUS, EventIds.next(), List.of(
        Fixtures.envelope(new PanicEvent(PanicEvent.Action.PRESSED), 1),
        Fixtures.envelope(CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 3.5), 2),
        Fixtures.envelope(CanteenReading.of(CanteenReading.Quantity.FREEZER_TEMPERATURE, -18), 3)));
    return new String(codec.encodeBatch(batch), java.nio.charset.StandardCharsets.UTF_8);
  }
}
