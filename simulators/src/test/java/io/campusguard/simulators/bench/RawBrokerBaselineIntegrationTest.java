package io.campusguard.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The baseline measurement itself works against the real Mosquitto (a correctness test, not a timing one). */
@Timeout(120)
class RawBrokerBaselineIntegrationTest {

  /** Verifies that every message is received and the figures are filled in. */
  @Test
  void measuresEveryMessage() throws Exception {
    RawBrokerBaseline.Result r = RawBrokerBaseline.measure(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), 2_000, 200);

    assertThat(r.messages()).isEqualTo(2_000);
    assertThat(r.latencyMs().samples()).isEqualTo(2_000);
    assertThat(r.ratePerS()).isPositive();
  }
}
