package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's YAML config through the shared loader: defaults, overrides, and errors that name the field. */
class GatewayConfigTest {
  private static final String GOOD = String.join("\n",
      "campus: LP-017",
      "campusBroker: { url: 'tcp://127.0.0.1:1883' }",
      "countyBroker: { url: 'tcp://county.example:1883', username: LP-017, password: s3cret }",
      "uplink: { heartbeatInterval: 2s }",
      "");

  /** Verifies that a minimal file gets the documented defaults and the environment overrides a value. */
  @Test
  void defaultsAndOverrides() {
    GatewayConfig c = new ConfigLoader().parse(GOOD, GatewayConfig.ENV_PREFIX,
        Map.of("CG_GATEWAY_HTTP_PORT", "0", "CG_GATEWAY_OUTBOX_P2_MAX_EVENTS", "1000"), GatewayConfig.class);
    assertThat(c.gatewayId()).isEqualTo("LP-017-GW");
    assertThat(c.uplink().heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.uplink().ackTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.http().port()).isZero();
    assertThat(c.outboxConfig().p2MaxEvents()).isEqualTo(1000);
    assertThat(c.outboxConfig().file().toString()).isEqualTo("data/LP-017/outbox.db");
  }

  /** Verifies that bad values refuse to load, naming the field. */
  @Test
  void badValuesNameTheField() {
    assertThatThrownBy(() -> parse(GOOD.replace("LP-017\n", "LP/017\n")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("campus");
    assertThatThrownBy(() -> parse(GOOD.replace("tcp://county.example:1883", "http://county")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("countyBroker.url");
    assertThatThrownBy(() -> parse(GOOD + "uplink: { maxBatchEvents: 0 }\n".replace("uplink", "http")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> parse(GOOD.replace("heartbeatInterval: 2s", "heartbeatInterval: 0s")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("uplink.heartbeatInterval");
  }

  private static GatewayConfig parse(String yaml) {
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }
}
