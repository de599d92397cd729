package io.campusguard.devices.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.campusguard.devices.Topics;
import io.campusguard.devices.body.CanteenReading;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CodecPropertiesTest {
  private final EventCodec codec = Fixtures.codec();

  /** Verifies that any in-range reading of any quantity survives a device publish unchanged. */
  @Test
  void anyInRangeReadingRoundTrips() {
    qt().forAll(integers().between(0, CanteenReading.Quantity.values().length - 1), doubles().between(0, 1))
        .checkAssert(
            (qi, fraction) -> {
              CanteenReading.Quantity q = CanteenReading.Quantity.values()[qi];
              double value = q == CanteenReading.Quantity.DOOR_OPEN ? Math.rint(fraction) : q.min() + fraction * (q.max() - q.min());
              CanteenReading reading = CanteenReading.of(q, value);
              byte[] payload = codec.encodeDevice(Fixtures.NOW, reading);

              var decoded = codec.decodeDevice(Topics.campusDevice("LP-001", reading.kind(), "LP-001-CS-1"), payload);

              assertThat(decoded.orElseThrow().body()).isEqualTo(reading);
            });
  }

  /** Verifies that arbitrary text, as topic or as payload, is refused or accepted but never throws. */
  @Test
  void arbitraryTextNeverThrows() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 200), strings().allPossible().ofLengthBetween(0, 400))
        .checkAssert(
            (topic, payload) -> {
              var asTopic = codec.decodeDevice(topic, "{}".getBytes(StandardCharsets.UTF_8));
              var asPayload = codec.decodeDevice("campus/LP-001/panic/PB-1", payload.getBytes(StandardCharsets.UTF_8));
              var asBatch = codec.decodeBatch(payload.getBytes(StandardCharsets.UTF_8));
              assertThat(asTopic.isOk()).isFalse();
              assertThat(asPayload.isOk() || !asPayload.rejection().field().isBlank()).isTrue();
              assertThat(asBatch.isOk()).isFalse();
            });
  }
}
