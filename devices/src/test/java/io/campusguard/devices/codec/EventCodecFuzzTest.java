package io.campusguard.devices.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.campusguard.devices.Decoded;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.Topics;
import io.campusguard.devices.UplinkBatch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzz targets for every decoder that reads device or uplink input. In a normal build they replay the saved
 * corpus under {@code src/test/resources/.../EventCodecFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * they fuzz. The property: decoding never throws, and whatever is accepted re-encodes to the same value.
 */
class EventCodecFuzzTest {
  private final EventCodec codec = Fixtures.codec();

  /** Input: the topic, a newline, then the payload bytes. */
  @FuzzTest(maxDuration = "30s")
  void decodeDevice(byte[] input) {
    int nl = indexOf(input, (byte) '\n');
    String topic = new String(input, 0, nl < 0 ? input.length : nl, StandardCharsets.UTF_8);
    byte[] payload = nl < 0 ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length);

    Decoded<DeviceMessage> decoded = codec.decodeDevice(topic, payload);

    if (decoded instanceof Decoded.Ok<DeviceMessage> ok) {
      DeviceMessage m = ok.value();
      byte[] again = codec.encodeDevice(m.sourceTs(), m.body());
      String rebuilt = Topics.campusDevice(m.campus(), m.kind(), m.device());
      assertThat(codec.decodeDevice(rebuilt, again).orElseThrow()).isEqualTo(m);
    } else {
      assertThat(decoded.rejection().field()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void decodeBatch(byte[] input) {
    var decoded = codec.decodeBatch(input);

    if (decoded.isOk() && !decoded.orElseThrow().events().isEmpty()) {
      var batch = decoded.orElseThrow();
      byte[] again = codec.encodeBatch(new UplinkBatch(batch.campus(), batch.batchId(), batch.events(), batch.outboxId()));
      var decodedAgain = codec.decodeBatch(again).orElseThrow();
      assertThat(decodedAgain.events()).isEqualTo(batch.events());
      assertThat(decodedAgain.outboxId()).isEqualTo(batch.outboxId());
    }
  }

  @FuzzTest(maxDuration = "30s")
  void parseTopics(byte[] input) {
    String topic = new String(input, StandardCharsets.UTF_8);

    var campus = Topics.parseCampus(topic);
    var county = Topics.parseCounty(topic);

    if (campus.isOk()) {
      var t = campus.orElseThrow();
      assertThat(Topics.campusDevice(t.campus(), t.kind(), t.device())).isEqualTo(topic);
    }
    if (county.isOk()) {
      var t = county.orElseThrow();
      assertThat(Topics.county(t.campus(), t.channel())).isEqualTo(topic);
    }
  }

  private static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
