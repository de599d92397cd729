package io.campusguard.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.testing.TestServices;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bridge comparison runs two real Mosquitto processes and loses nothing across the bridge. */
@Timeout(120)
class MosquittoBridgeBaselineIntegrationTest {

  /** Verifies that every message published on the campus broker arrives on the county broker. */
  @Test
  void everyMessageCrossesTheBridge(@TempDir Path dir) throws Exception {
    RawBrokerBaseline.Result r = MosquittoBridgeBaseline.measure(Path.of(TestServices.mosquittoBin()), dir, 1_000, 200);

    assertThat(r.messages()).isEqualTo(1_000);
    assertThat(r.latencyMs().samples()).isEqualTo(1_000);
  }
}
