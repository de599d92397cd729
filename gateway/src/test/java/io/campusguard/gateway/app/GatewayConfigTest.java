package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.profile.DeviceType;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.rules.LocalRules;
import io.campusguard.gateway.rules.LocalRulesConfig;
import io.campusguard.gateway.rules.SupervisedDevice;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's YAML config through the shared loader: defaults, overrides, and errors that name the field. */
class GatewayConfigTest {
  private static final String GOOD = String.join("\n",
      "campus: LP-017",
      "campusBroker: { url: 'tcp://127.0.0.1:1883' }",
      "countyBroker: { url: 'ssl://county.example:8883', username: gw-LP-017, password: s3cret, tls: { caFile: /etc/campusguard/county-ca.pem } }",
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
    assertThatThrownBy(() -> parse(GOOD.replace("ssl://county.example:8883", "http://county")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("countyBroker.url");
    assertThatThrownBy(() -> parse(GOOD + "uplink: { maxBatchEvents: 0 }\n".replace("uplink", "http")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> parse(GOOD.replace("heartbeatInterval: 2s", "heartbeatInterval: 0s")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("uplink.heartbeatInterval");
  }

  /**
   * Verifies that plaintext to a non-loopback host refuses to start naming the link, that allowPlaintext lets it
   * through with a warning, and that loopback plaintext is allowed with a warning.
   */
  @Test
  void plaintextToTheNetworkNeedsAllowPlaintext() {
    String plain = GOOD.replace("url: 'ssl://county.example:8883'", "url: 'tcp://county.example:1883'").replace(", tls: { caFile: /etc/campusguard/county-ca.pem }", "");
    assertThatThrownBy(() -> parse(plain))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("countyBroker.url").hasMessageContaining("allowPlaintext: true");
    GatewayConfig allowed = parse(plain.replace("password: s3cret", "password: s3cret, allowPlaintext: true"));
    assertThat(allowed.plaintextWarnings()).anySatisfy(w -> assertThat(w).startsWith("countyBroker:").contains("allowPlaintext"));
    // control: TLS to the county, plaintext only to the loopback campus broker
    assertThat(parse(GOOD).plaintextWarnings()).singleElement().satisfies(w -> assertThat(w).startsWith("campusBroker:").contains("loopback"));
    // an embedded campus broker's plain listener on the campus LAN needs it too
    String embedded = GOOD.replace("campusBroker: { url: 'tcp://127.0.0.1:1883' }", "embeddedBroker: { bindAddress: 192.168.10.2, deviceAccounts: /etc/cg/devices }");
    assertThatThrownBy(() -> parse(embedded)).isInstanceOf(ConfigException.class).hasMessageStartingWith("embeddedBroker.bindAddress");
    assertThat(parse(embedded.replace("192.168.10.2,", "192.168.10.2, allowPlaintext: true,")).plaintextWarnings())
        .anySatisfy(w -> assertThat(w).startsWith("embeddedBroker:"));
    // tls with a tcp:// url is a mistake, not silently plaintext
    assertThatThrownBy(() -> parse(GOOD.replace("ssl://county.example:8883", "tcp://127.0.0.1:1883")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("countyBroker.tls");
  }

  /**
   * Verifies that a campus broker listening beyond loopback (plain or TLS) without device accounts refuses to start
   * naming embeddedBroker.deviceAccounts: anyone on the campus LAN could otherwise publish a panic for any device.
   */
  @Test
  void openCampusListenerNeedsDeviceAccounts() {
    String lan = GOOD.replace("campusBroker: { url: 'tcp://127.0.0.1:1883' }", "embeddedBroker: { bindAddress: 192.168.10.2, allowPlaintext: true }");
    String tls = GOOD.replace("campusBroker: { url: 'tcp://127.0.0.1:1883' }",
        "embeddedBroker: { tls: { bindAddress: 0.0.0.0, certFile: /etc/cg/c.pem, keyFile: /etc/cg/c.key } }");
    assertThatThrownBy(() -> parse(lan)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("embeddedBroker.deviceAccounts: required").hasMessageContaining("192.168.10.2");
    assertThatThrownBy(() -> parse(tls)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("embeddedBroker.deviceAccounts: required").hasMessageContaining("0.0.0.0");
    // control: with accounts both start; on loopback alone (the one-box demo) none are needed
    assertThat(parse(lan.replace("allowPlaintext: true }", "allowPlaintext: true, deviceAccounts: /etc/cg/devices }")).embeddedBroker()
        .deviceAccounts()).isEqualTo("/etc/cg/devices");
    assertThat(parse(tls.replace("c.key } }", "c.key }, deviceAccounts: /etc/cg/devices }")).embeddedCampusBroker()).isTrue();
    assertThat(parse(GOOD.replace("campusBroker: { url: 'tcp://127.0.0.1:1883' }", "embeddedBroker: { port: 0 }")).embeddedBroker()
        .deviceAccounts()).isNull();
  }

  /** Verifies that the device register reaches the local rules: types, parents, a typeless parent, rooms. */
  @Test
  void deviceRegisterIsReadForTheLocalRules() {
    GatewayConfig c = parse(GOOD + String.join("\n",
        "devices:",
        "  - { id: LP-017-SW-01, silenceLimit: 2m }",
        "  - { id: LP-017-NVR-01, type: nvr, parent: LP-017-SW-01 }",
        "  - { id: LP-017-CAM-03, type: camera, parent: LP-017-NVR-01, room: '教学楼 2F 走廊' }",
        "  - { id: LP-017-PB-01, type: panic_button }",
        ""));
    assertThat(c.register()).containsExactly(
        SupervisedDevice.parent("LP-017-SW-01", Duration.ofMinutes(2)),
        SupervisedDevice.of("LP-017-NVR-01", DeviceType.NVR, "LP-017-SW-01"),
        SupervisedDevice.of("LP-017-CAM-03", DeviceType.CAMERA, "LP-017-NVR-01"),
        SupervisedDevice.of("LP-017-PB-01", DeviceType.PANIC_BUTTON, null));
    assertThat(c.devices().get(2).room()).isEqualTo("教学楼 2F 走廊");
    // the rules accept it as it is
    LocalRules rules = new LocalRules(LocalRulesConfig.defaults(c.campus()).withDevices(c.register()), Clock.systemUTC());
    assertThat(rules).isNotNull();
    // control: no section, no devices
    assertThat(parse(GOOD).register()).isEmpty();
  }

  /**
   * Verifies that the example config in the module folder loads, with its register and outbox settings, once its
   * placeholders marker is deleted; with it, the example refuses to start and names the placeholders.
   */
  @Test
  void exampleConfigLoads() throws Exception {
    String example = java.nio.file.Files.readString(java.nio.file.Path.of("gateway.example.yaml"));
    assertThatThrownBy(() -> parse(example))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("placeholders: this is still the shipped example")
        .hasMessageContaining("192.168.10.2 (still in 1 value)")
        .hasMessageContaining("county.example (still in 1 value)");
    GatewayConfig c = parse(example.replaceFirst("(?m)^placeholders: .*\n", ""));
    assertThat(c.campus()).isEqualTo("LP-017");
    assertThat(c.register()).hasSize(8).contains(SupervisedDevice.of("LP-017-CAM-01", DeviceType.CAMERA, "LP-017-NVR-01"));
    assertThat(c.outboxConfig().ackedIdsKeptFor()).isEqualTo(Duration.ofHours(24));
    assertThat(c.outboxConfig().ackedIdsMaxRows()).isEqualTo(1_000_000);
    // the production example: devices authenticate, the uplink is TLS with a client certificate
    assertThat(c.embeddedCampusBroker()).isTrue();
    assertThat(c.embeddedBroker().deviceAccounts()).isNotNull();
    assertThat(c.countyBroker().url()).startsWith("ssl://");
    assertThat(c.countyBroker().tls().hasCertificate()).isTrue();
    // the canteen's PLC: signed and encrypted, its certificates kept with the gateway's state
    io.campusguard.gateway.opcua.OpcUaEndpointConfig plc = c.opcuaConnector().orElseThrow().endpoints().get(0);
    assertThat(plc.security().isInsecure()).isFalse();
    assertThat(plc.pkiDir()).startsWithRaw(java.nio.file.Path.of("/var/lib/campusguard"));
    assertThat(plc.nodes()).hasSize(2);
    assertThat(c.outboxConfig().file()).startsWithRaw(java.nio.file.Path.of("/var/lib/campusguard"));
  }

  /** Verifies that a bad register entry refuses to start, naming the entry and its field. */
  @Test
  void badDeviceEntriesNameTheEntryAndField() {
    String head = GOOD + "devices:\n  - { id: LP-017-NVR-01, type: nvr }\n";
    assertThatThrownBy(() -> parse(head + "  - { id: LP-017-CAM-01, type: camera, parent: LP-017-NVR-09 }\n"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("devices[1].parent").hasMessageContaining("unknown device LP-017-NVR-09");
    assertThatThrownBy(() -> parse(head + "  - { id: LP-017-CAM-01, type: toaster }\n"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("devices[1].type").hasMessageContaining("camera");
    assertThatThrownBy(() -> parse(head + "  - { id: 'LP 017', type: camera }\n"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("devices[1].id");
    assertThatThrownBy(() -> parse(head + "  - { id: LP-017-NVR-01, type: camera }\n"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("devices[1].id").hasMessageContaining("devices[0]");
    assertThatThrownBy(() -> parse(head + "  - { id: LP-017-SW-01 }\n"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("devices[1].silenceLimit");
    assertThatThrownBy(() -> parse(head + "  - { id: LP-017-CAM-01, type: camera, room: '  ' }\n"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("devices[1].room");
    assertThatThrownBy(() -> parse(head + "  - { id: LP-017-CAM-01, type: camera, colour: red }\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("colour");
    // parents in a circle would make the liveness rules walk forever
    assertThatThrownBy(() -> parse(GOOD + String.join("\n", "devices:",
            "  - { id: A-1, type: nvr, parent: A-2 }",
            "  - { id: A-2, type: nvr, parent: A-1 }", "")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("devices[0].parent").hasMessageContaining("own ancestor");
  }

  private static GatewayConfig parse(String yaml) {
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }
}
