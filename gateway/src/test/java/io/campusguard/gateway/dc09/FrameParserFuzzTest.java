package io.campusguard.gateway.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Fuzz target for the DC-09 receiver's reading of a frame (outside input: whatever reaches its port). In a normal
 * build it replays the corpus under {@code src/test/resources/.../FrameParserFuzzTestInputs/receive/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes. The property: nothing throws, every frame gets an answer at once (no store
 * happens for refused input) and an ACK only for a frame whose CRC and length the parser accepted.
 */
class FrameParserFuzzTest {
  private final PanelReceiverTest.ScriptedInbox inbox = new PanelReceiverTest.ScriptedInbox(true);
  private final PanelReceiver receiver = new PanelReceiver(PanelReceiverTest.settings(), "LP-017", inbox,
      java.time.Clock.fixed(Instant.parse("2026-12-08T08:00:00Z"), java.time.ZoneOffset.UTC));
  private final FrameParser parser = new FrameParser(FrameParser.FORMAT_MAX_FRAME);

  @FuzzTest(maxDuration = "30s")
  void receive(FuzzedDataProvider data) {
    byte[] frame = data.consumeBoolean() ? data.consumeRemainingAsBytes() : Dc09Replies.frame(data.consumeRemainingAsAsciiString());
    FrameParser.Result parsed = parser.parse(frame);
    CompletableFuture<byte[]> answer = receiver.receive(frame, "fuzz");
    assertThat(answer).isDone();
    byte[] a = answer.join();
    String reply = a == null ? "" : new String(a, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (reply.contains("\"ACK\"") || reply.contains("\"*ACK\"")) {
      assertThat(parsed).isInstanceOf(FrameParser.Parsed.class);
    }
  }
}
