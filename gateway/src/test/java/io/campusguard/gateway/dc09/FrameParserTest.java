package io.campusguard.gateway.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The frame parser: what reads, and each reason a frame is refused. */
class FrameParserTest {
  private final FrameParser parser = new FrameParser(FrameParser.FORMAT_MAX_FRAME);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Verifies that a published SIA-DCS frame reads into its header fields. */
  @Test
  void readsAPublishedFrame() {
    FrameParser.Result r = parser.parse(bytes("\nF4D20029\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Atest]\r"));
    assertThat(r).isEqualTo(new FrameParser.Parsed(new Dc09Frame("SIA-DCS", false, "0001", "F3", "77", "1234", "#1234|NRR|Atest]")));
  }

  /** Verifies that the receiver prefix is optional and encrypted ids are recognised. */
  @Test
  void readsEncryptedAndWithoutReceiver() {
    FrameParser.Result r = parser.parse(Dc09Replies.frame("\"*ADM-CID\"0042L0#ABC123[0011AABB"));
    assertThat(r).isEqualTo(new FrameParser.Parsed(new Dc09Frame("ADM-CID", true, "0042", null, "0", "ABC123", "0011AABB")));
  }

  /** Verifies each refusal reason. */
  @Test
  void refusesWithAReason() {
    byte[] good = Dc09Replies.frame("\"NULL\"0000R0L0#1234[]");
    assertThat(fault(good)).isNull();
    byte[] badCrc = good.clone();
    badCrc[1] = (byte) (badCrc[1] == 'A' ? 'B' : 'A');
    assertThat(fault(badCrc)).isEqualTo(FrameFault.BAD_CRC);
    assertThat(fault(Arrays.copyOf(good, good.length / 2))).isEqualTo(FrameFault.BAD_FRAMING);
    byte[] flipped = good.clone();
    flipped[12] = 'X';
    assertThat(fault(flipped)).isEqualTo(FrameFault.BAD_CRC);
    assertThat(fault(bytes("\n12340005\"NULL\"0000R0L0#1234[]\r"))).isEqualTo(FrameFault.BAD_LENGTH);
    assertThat(fault(Dc09Replies.frame("\"FOO\"0000L0#1234[]"))).isEqualTo(FrameFault.UNSUPPORTED_ID);
    assertThat(fault(Dc09Replies.frame("\"SIA-DCS\"12L0#1234[]"))).isEqualTo(FrameFault.BAD_HEADER);
    assertThat(fault(Dc09Replies.frame("\"SIA-DCS\"0001L0#12[]"))).isEqualTo(FrameFault.BAD_HEADER);
    byte[] huge = new byte[70_000];
    Arrays.fill(huge, (byte) 'A');
    assertThat(fault(huge)).isEqualTo(FrameFault.TOO_LARGE);
    assertThat(new FrameParser(64).parse(Dc09Replies.frame("\"SIA-DCS\"0001L0#1234[#1234|Nri1/PA15/BA16/FA17/TA18/AT19/YT20]")))
        .isInstanceOf(FrameParser.Refused.class);
  }

  /** Verifies the content part: data, extended blocks and the UTC timestamp. */
  @Test
  void readsContent() {
    Dc09Content c = Dc09Content.parse("#1234|1120 01 015][X100E200][H12]_08:30:05,12-08-2026").orElseThrow();
    assertThat(c.data()).isEqualTo("#1234|1120 01 015");
    assertThat(c.extended()).containsExactly("X100E200", "H12");
    assertThat(c.timestamp()).isEqualTo(java.time.Instant.parse("2026-12-08T08:30:05Z"));
    assertThat(Dc09Content.parse("]").orElseThrow().data()).isEmpty();
    assertThat(Dc09Content.parse("#1234|NPA15")).isEmpty();
    assertThat(Dc09Content.parse("]_25:00:00,12-08-2026")).isEmpty();
    assertThat(Dc09Content.parse("]garbage")).isEmpty();
  }

  private FrameFault fault(byte[] frame) {
    return parser.parse(frame) instanceof FrameParser.Refused r ? r.fault() : null;
  }
}
