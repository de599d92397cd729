package io.campusguard.gateway.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CRC-16/ARC against its catalogue check value and against published DC-09 frames' CRC fields. */
class Crc16ArcTest {

  /** Verifies the catalogue's check value: CRC-16/ARC of "123456789" is 0xBB3D. */
  @Test
  void catalogueCheckValue() {
    assertThat(Crc16Arc.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xBB3D);
  }

  /** Verifies the CRC of published example frames (their CRC and length fields as printed). */
  @Test
  void publishedFrames() {
    assertThat(Crc16Arc.of("\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Atest]".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xF4D2);
    assertThat(Crc16Arc.of("\"SIA-DCS\"0001L0#1234[]".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x96ED);
    assertThat(new String(Dc09Replies.frame("\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Atest]"), StandardCharsets.US_ASCII))
        .isEqualTo("\nF4D20029\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Atest]\r");
  }
}
