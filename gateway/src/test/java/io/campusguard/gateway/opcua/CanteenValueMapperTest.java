package io.campusguard.gateway.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.CanteenReading.Quantity;
import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.junit.jupiter.api.Test;

class CanteenValueMapperTest {
  private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
  private static final OpcUaNodeMapping COLD =
      new OpcUaNodeMapping("ns=2;s=ColdStore.Temperature", "LP-017-CS-01", Quantity.COLD_STORE_TEMPERATURE);
  private static final OpcUaNodeMapping DOOR =
      new OpcUaNodeMapping("ns=2;s=Door", "LP-017-DOOR-01", Quantity.DOOR_OPEN);
  private final CanteenValueMapper mapper = new CanteenValueMapper("LP-017");

  private BadValueReason badReason(OpcUaNodeMapping node, DataValue v) {
    CanteenValueMapper.Mapped m = mapper.map(node, v, NOW);
    assertThat(m).isInstanceOf(CanteenValueMapper.Mapped.Bad.class);
    return ((CanteenValueMapper.Mapped.Bad) m).reason();
  }

  @Test
  void goodNumberBecomesAReadingWithTheSourceTime() {
    Instant source = NOW.minusSeconds(3);
    CanteenValueMapper.Mapped m =
        mapper.map(COLD, new DataValue(new Variant(4.5f), StatusCode.GOOD, new DateTime(source)), NOW);
    assertThat(m).isInstanceOf(CanteenValueMapper.Mapped.Reading.class);
    var msg = ((CanteenValueMapper.Mapped.Reading) m).message();
    assertThat(msg.device()).isEqualTo("LP-017-CS-01");
    assertThat(msg.sourceTs()).isEqualTo(source);
    assertThat(((CanteenReading) msg.body()).value()).isEqualTo(4.5);
    assertThat(((CanteenReading) msg.body()).unit()).isEqualTo("degC");
  }

  @Test
  void badValuesAreNamedNeverThrown() {
    assertThat(badReason(COLD, new DataValue(new Variant(Double.NaN)))).isEqualTo(BadValueReason.NOT_FINITE);
    assertThat(badReason(COLD, new DataValue(new Variant(Double.POSITIVE_INFINITY))))
        .isEqualTo(BadValueReason.NOT_FINITE);
    assertThat(badReason(COLD, new DataValue(new Variant("hot")))).isEqualTo(BadValueReason.WRONG_TYPE);
    assertThat(badReason(COLD, new DataValue(new Variant(true)))).isEqualTo(BadValueReason.WRONG_TYPE);
    assertThat(badReason(COLD, new DataValue(new StatusCode(StatusCodes.Bad_SensorFailure))))
        .isEqualTo(BadValueReason.BAD_STATUS);
    assertThat(badReason(COLD, new DataValue(new Variant(5.0), new StatusCode(StatusCodes.Uncertain_LastUsableValue))))
        .isEqualTo(BadValueReason.UNCERTAIN_STATUS);
    assertThat(badReason(COLD, new DataValue(Variant.NULL_VALUE))).isEqualTo(BadValueReason.NO_VALUE);
    assertThat(badReason(COLD, null)).isEqualTo(BadValueReason.NO_VALUE);
    assertThat(badReason(COLD, new DataValue(new Variant(999.0)))).isEqualTo(BadValueReason.OUT_OF_RANGE);
    assertThat(badReason(COLD, new DataValue(new Variant(new double[] {1, 2})))).isEqualTo(BadValueReason.WRONG_TYPE);
  }

  @Test
  void unsignedIntegersAndBooleansForDoorsAreNumbers() {
    assertThat(mapper.map(COLD, new DataValue(new Variant(Unsigned.ushort(5))), NOW))
        .isInstanceOf(CanteenValueMapper.Mapped.Reading.class);
    var door = mapper.map(DOOR, new DataValue(new Variant(true)), NOW);
    assertThat(((CanteenReading) ((CanteenValueMapper.Mapped.Reading) door).message().body()).value()).isEqualTo(1.0);
  }

  @Test
  void aSourceTimeFarInTheFutureIsReplacedByArrival() {
    var m = mapper.map(COLD, new DataValue(new Variant(4.0), StatusCode.GOOD, new DateTime(NOW.plusSeconds(3600))), NOW);
    assertThat(((CanteenValueMapper.Mapped.Reading) m).message().sourceTs()).isEqualTo(NOW);
  }
}
