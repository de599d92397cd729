package io.campusguard.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.DecodedBatch;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.Priority;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.outbox.StoredEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch written around stored envelope bytes is the batch the codec writes and the hub decodes. */
class BatchFrameTest {
  private final EventCodec codec = EventCodec.withDefaults();

  /** Verifies that the frame decodes to the same batch as the codec's own encoding, events and order included. */
  @Test
  void frameDecodesAsTheCodecsBatch() {
    Instant t = Instant.now().minusSeconds(5);
    EventEnvelope reading = new EventEnvelope(1, EventIds.next(), "LP-017", "LP-017-CS-01", CanteenReading.of(
        CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.5).kind(), Priority.P2, 41, t, t.plusMillis(3),
        CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.5));
    EventEnvelope press = new EventEnvelope(1, EventIds.next(), "LP-017", "LP-017-PB-01", new PanicEvent(PanicEvent.Action.PRESSED).kind(),
        Priority.P2, 42, t, t.plusMillis(4), new PanicEvent(PanicEvent.Action.PRESSED));
    String batchId = EventIds.next();
    List<StoredEvent> stored = List.of(stored(reading), stored(press));

    String outboxId = EventIds.next();
    DecodedBatch framed = codec.decodeBatch(BatchFrame.encode("LP-017", batchId, stored, outboxId)).orElseThrow();
    DecodedBatch reference =
        codec.decodeBatch(codec.encodeBatch(new UplinkBatch("LP-017", batchId, List.of(reading, press), outboxId))).orElseThrow();

    assertThat(framed).isEqualTo(reference);
    assertThat(framed.events()).containsExactly(reading, press);
    assertThat(framed.rejected()).isEmpty();
    assertThat(framed.outboxId()).isEqualTo(outboxId);
    assertThat(codec.decodeBatch(BatchFrame.encode("LP-017", batchId, stored)).orElseThrow().outboxId()).isNull();
  }

  /** Verifies that a campus or batch id that would need escaping is refused rather than written. */
  @Test
  void refusesIdsThatWouldBreakTheFrame() {
    assertThatThrownBy(() -> BatchFrame.encode("LP\"017", EventIds.next(), List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchFrame.encode("LP-017", "x\"y", List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchFrame.encode("LP-017", EventIds.next(), List.of(), "x\"y")).isInstanceOf(IllegalArgumentException.class);
  }

  private StoredEvent stored(EventEnvelope e) {
    return new StoredEvent(e.id(), e.seq(), e.priority(), codec.encodeEnvelope(e));
  }
}
