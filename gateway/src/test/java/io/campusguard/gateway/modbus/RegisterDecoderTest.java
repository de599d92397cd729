package io.campusguard.gateway.modbus;

import static io.campusguard.gateway.modbus.Endianness.BIG;
import static io.campusguard.gateway.modbus.Endianness.LITTLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Register words to numbers. Expected byte layouts are worked out by hand from IEEE 754 and two's complement
 * (e.g. 3.5f is 0x40600000), not from the decoder.
 */
class RegisterDecoderTest {

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  /** Verifies a float32 in both word orders ("ABCD" and "CDAB") and with the bytes of each word swapped. */
  @Test
  void float32InEveryWordAndByteOrder() {
    // 3.5f = 0x4060_0000; -18.25f = 0xC192_0000; 21.7f = 0x41AD_999A
    assertThat(RegisterDecoder.decode(bytes(0x40, 0x60, 0x00, 0x00), RegisterType.FLOAT32, BIG, BIG)).isEqualTo(3.5);
    assertThat(RegisterDecoder.decode(bytes(0x00, 0x00, 0x40, 0x60), RegisterType.FLOAT32, LITTLE, BIG)).isEqualTo(3.5);
    assertThat(RegisterDecoder.decode(bytes(0x00, 0x00, 0xC1, 0x92), RegisterType.FLOAT32, LITTLE, BIG)).isEqualTo(-18.25);
    assertThat(RegisterDecoder.decode(bytes(0x99, 0x9A, 0x41, 0xAD), RegisterType.FLOAT32, LITTLE, BIG)).isEqualTo((double) 21.7f);
    assertThat(RegisterDecoder.decode(bytes(0xAD, 0x41, 0x9A, 0x99), RegisterType.FLOAT32, BIG, LITTLE)).isEqualTo((double) 21.7f);
    assertThat(RegisterDecoder.decode(bytes(0x9A, 0x99, 0xAD, 0x41), RegisterType.FLOAT32, LITTLE, LITTLE)).isEqualTo((double) 21.7f);
  }

  /** Verifies signed and unsigned 32-bit integers in both word orders, at the edges of their ranges. */
  @Test
  void int32AndUint32InBothWordOrders() {
    assertThat(RegisterDecoder.decode(bytes(0xFF, 0xFF, 0xFF, 0xFE), RegisterType.INT32, BIG, BIG)).isEqualTo(-2);
    assertThat(RegisterDecoder.decode(bytes(0xFF, 0xFE, 0xFF, 0xFF), RegisterType.INT32, LITTLE, BIG)).isEqualTo(-2);
    assertThat(RegisterDecoder.decode(bytes(0xFF, 0xFF, 0xFF, 0xFE), RegisterType.UINT32, BIG, BIG)).isEqualTo(4294967294.0);
    assertThat(RegisterDecoder.decode(bytes(0x00, 0x7D, 0x00, 0x01), RegisterType.UINT32, BIG, BIG)).isEqualTo(0x007D0001);
    assertThat(RegisterDecoder.decode(bytes(0x00, 0x7D, 0x00, 0x01), RegisterType.UINT32, LITTLE, BIG)).isEqualTo(0x0001007D);
    assertThat(RegisterDecoder.decode(bytes(0x80, 0x00, 0x00, 0x00), RegisterType.INT32, BIG, BIG)).isEqualTo(Integer.MIN_VALUE);
  }

  /** Verifies 16-bit values: the sign of int16, no sign for uint16, the byte swap. */
  @Test
  void sixteenBitValues() {
    assertThat(RegisterDecoder.decode(bytes(0xF8, 0xDF), RegisterType.INT16, BIG, BIG)).isEqualTo(-1825);
    assertThat(RegisterDecoder.decode(bytes(0xF8, 0xDF), RegisterType.UINT16, BIG, BIG)).isEqualTo(0xF8DF);
    assertThat(RegisterDecoder.decode(bytes(0xDF, 0xF8), RegisterType.INT16, BIG, LITTLE)).isEqualTo(-1825);
    assertThat(RegisterDecoder.decode(bytes(0x02, 0x8F), RegisterType.UINT16, BIG, BIG)).isEqualTo(655);
  }

  /** Verifies bits are read least significant first, and that a short answer is refused, not misread. */
  @Test
  void bitsAndShortAnswers() {
    assertThat(RegisterDecoder.bit(bytes(0b0000_0101), 0)).isTrue();
    assertThat(RegisterDecoder.bit(bytes(0b0000_0101), 1)).isFalse();
    assertThat(RegisterDecoder.bit(bytes(0x00, 0b0000_0100), 10)).isTrue();
    assertThatThrownBy(() -> RegisterDecoder.decode(bytes(0x40, 0x60), RegisterType.FLOAT32, BIG, BIG))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 4 bytes");
    assertThatThrownBy(() -> RegisterDecoder.bit(new byte[0], 0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Verifies scale and offset apply to the decoded number, and a coil reads 1 or 0. */
  @Test
  void pointsApplyScaleAndOffset() {
    RegisterPoint humidity = new RegisterPoint(io.campusguard.devices.body.CanteenReading.Quantity.HUMIDITY, ModbusFunction.INPUT, 5,
        RegisterType.UINT16, BIG, BIG, 0.1, 0);
    assertThat(humidity.value(bytes(0x02, 0x8F))).isCloseTo(65.5, org.assertj.core.data.Offset.offset(1e-9));
    RegisterPoint kelvin = new RegisterPoint(io.campusguard.devices.body.CanteenReading.Quantity.COLD_STORE_TEMPERATURE,
        ModbusFunction.HOLDING, 0, RegisterType.INT16, BIG, BIG, 0.1, -273.15);
    assertThat(kelvin.value(bytes(0x0A, 0xDC))).isCloseTo(4.85, org.assertj.core.data.Offset.offset(1e-9));
    RegisterPoint door = new RegisterPoint(io.campusguard.devices.body.CanteenReading.Quantity.DOOR_OPEN, ModbusFunction.DISCRETE, 3,
        RegisterType.UINT16, BIG, BIG, 1, 0);
    assertThat(door.value(bytes(0x01))).isEqualTo(1);
    assertThat(door.value(bytes(0x00))).isEqualTo(0);
  }
}
