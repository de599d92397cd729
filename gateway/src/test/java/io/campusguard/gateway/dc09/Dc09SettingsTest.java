package io.campusguard.gateway.dc09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.connector.ConnectorContext;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The {@code connectors.dc09} section: defaults, and a bad value refused naming its field. */
class Dc09SettingsTest {

  private static GatewayConfig config(String section) {
    String yaml = String.join("\n",
        "campus: LP-017",
        "campusBroker: { url: \"tcp://127.0.0.1:1\" }",
        "countyBroker: { url: \"tcp://127.0.0.1:1\" }",
        "outbox: { file: /tmp/never-opened.db }",
        "connectors:",
        "  dc09: " + section,
        "");
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }

  private static Dc09Settings bind(String section) {
    GatewayConfig config = config(section);
    var scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      return new ConnectorContext("dc09", config, new PanelReceiverTest.ScriptedInbox(true), Clock.systemUTC(), Runnable::run, scheduler)
          .settings(Dc09Settings.class).orElseThrow();
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Verifies the defaults: window -40 s / +20 s, format-size limit, 10 min duplicate window, code remaps. */
  @Test
  void defaults() {
    Dc09Settings s = bind("{ tcpPort: 0, contactIdCodes: { \"150\": burglary }, accounts: [ { account: \"1234\", device: LP-017-AP-01 } ] }");
    assertThat(s.timestampPast()).isEqualTo(Duration.ofSeconds(40));
    assertThat(s.timestampFuture()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.maxFrameBytes()).isEqualTo(FrameParser.FORMAT_MAX_FRAME);
    assertThat(s.duplicateWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.contactIdCategories()).containsEntry("150", PanelEvent.Category.BURGLARY);
  }

  /** Verifies that bad values refuse the config naming the field from the config's top. */
  @Test
  void badValuesNameTheirField() {
    assertThatThrownBy(() -> bind("{ tcpPort: 0, accounts: [ { account: \"1234\", device: LP-017-AP-01, key: abc } ] }"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("connectors.dc09.accounts[0].key");
    assertThatThrownBy(() -> bind("{ accounts: [ { account: \"1234\", device: LP-017-AP-01 } ] }"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("connectors.dc09.tcpPort");
    assertThatThrownBy(() -> bind("{ tcpPort: 0, siaCodes: { PA: nonsense }, accounts: [ { account: \"1234\", device: LP-017-AP-01 } ] }"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("connectors.dc09.siaCodes.PA");
  }

  /** Verifies that a port the machine refuses refuses the start naming the field (the gateway exits 2). */
  @Test
  void aPortInUseNamesTheField() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Dc09Settings s = bind("{ bindAddress: 127.0.0.1, tcpPort: " + taken.getLocalPort() + ", accounts: [ { account: \"1234\", device: LP-017-AP-01 } ] }");
      var scheduler = Executors.newSingleThreadScheduledExecutor();
      Dc09Connector c = new Dc09Connector(s, new ConnectorContext("dc09", config("{ tcpPort: 0, accounts: [ { account: \"1234\", device: LP-017-AP-01 } ] }"), new PanelReceiverTest.ScriptedInbox(true),
          Clock.systemUTC(), Runnable::run, scheduler));
      try {
        assertThatThrownBy(c::start).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("connectors.dc09.tcpPort: cannot listen on 127.0.0.1:");
      } finally {
        c.close();
        scheduler.shutdownNow();
      }
    }
  }
}
