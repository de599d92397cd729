package io.campusguard.gateway.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.campusguard.devices.body.CanteenReading;
import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * Fuzz target for the OPC UA value mapping (outside input: whatever a canteen PLC serves). In a normal build it
 * replays the saved corpus under {@code src/test/resources/.../CanteenValueMapperFuzzTestInputs/map/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes. The property: mapping never throws and never needs its catch-all (every bad
 * value is refused by a check that names its reason), and every reading it makes is finite, inside its quantity's
 * plausible range and not stamped in the future beyond the allowed skew.
 */
class CanteenValueMapperFuzzTest {
  private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
  private final CanteenValueMapper mapper = new CanteenValueMapper("LP-017");

  @FuzzTest(maxDuration = "30s")
  void map(FuzzedDataProvider data) {
    CanteenReading.Quantity quantity = data.pickValue(CanteenReading.Quantity.values());
    OpcUaNodeMapping node = new OpcUaNodeMapping("ns=2;s=Fuzz", "LP-017-CS-01", quantity);
    DataValue value = data.consumeBoolean() ? null
        : new DataValue(variant(data), new StatusCode(data.consumeLong()), time(data), time(data));

    CanteenValueMapper.Mapped mapped = mapper.map(node, value, NOW);

    if (mapped instanceof CanteenValueMapper.Mapped.Reading r) {
      CanteenReading reading = (CanteenReading) r.message().body();
      assertThat(Double.isFinite(reading.value())).isTrue();
      assertThat(quantity.inRange(reading.value())).isTrue();
      assertThat(r.message().sourceTs()).isBeforeOrEqualTo(NOW.plus(CanteenValueMapper.MAX_FUTURE_SKEW));
    } else {
      CanteenValueMapper.Mapped.Bad bad = (CanteenValueMapper.Mapped.Bad) mapped;
      assertThat(bad.reason()).isNotNull();
      // the catch-all words its detail as "ExceptionClass: message": no value may need it
      assertThat(bad.detail()).doesNotContainPattern("^[A-Za-z]+(Exception|Error): ");
    }
  }

  private static Variant variant(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 11)) {
      case 0 -> new Variant(data.consumeDouble());
      case 1 -> new Variant(data.consumeFloat());
      case 2 -> new Variant(data.consumeInt());
      case 3 -> new Variant(data.consumeLong());
      case 4 -> new Variant(data.consumeShort());
      case 5 -> new Variant(data.consumeBoolean());
      case 6 -> new Variant(data.consumeString(20));
      case 7 -> new Variant(UInteger.valueOf(data.consumeLong(0, 0xFFFF_FFFFL)));
      case 8 -> new Variant(ULong.valueOf(data.consumeLong()));
      case 9 -> new Variant(UShort.valueOf(data.consumeInt(0, 0xFFFF)));
      case 10 -> new Variant(new double[] {data.consumeDouble(), data.consumeDouble()});
      default -> Variant.NULL_VALUE;
    };
  }

  private static DateTime time(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 2)) {
      case 0 -> null;
      case 1 -> new DateTime(data.consumeLong());
      default -> new DateTime(NOW.minusSeconds(data.consumeLong(-86_400, 86_400)));
    };
  }
}
