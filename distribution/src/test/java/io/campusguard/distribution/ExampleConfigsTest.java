package io.campusguard.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.HubMain;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example config the distribution ships loads and validates through the real config loaders, so none can rot. */
class ExampleConfigsTest {
  private final ConfigLoader loader = new ConfigLoader();

  /**
   * Verifies that each YAML file in config/ is a hub or gateway config that loads once its placeholders marker is
   * deleted, and that as shipped it refuses to start, naming its placeholders.
   */
  @Test
  void everyShippedExampleLoads() throws Exception {
    Path config = UnpackedDistribution.home().resolve("config");
    List<Path> yamls;
    try (Stream<Path> files = Files.list(config)) {
      yamls = files.filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml")).sorted().toList();
    }
    // control: the two examples the issue asks for are there, so the loop below checks something
    assertThat(yamls).extracting(f -> f.getFileName().toString()).contains("hub.example.yaml", "gateway.example.yaml");
    for (Path yaml : yamls) {
      String name = yaml.getFileName().toString();
      Class<? extends Record> type = name.startsWith("hub") ? HubConfig.class : GatewayConfig.class;
      String prefix = name.startsWith("hub") ? HubMain.ENV_PREFIX : GatewayConfig.ENV_PREFIX;
      assertThatThrownBy(() -> loader.load(yaml, prefix, Map.of(), type))
          .as(name)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("placeholders: this is still the shipped example");
      if (name.startsWith("hub")) {
        HubConfig hub = loadEdited(yaml, HubMain.ENV_PREFIX, HubConfig.class);
        assertThat(hub.database().url()).as(name).startsWith("jdbc:postgresql://");
      } else if (name.startsWith("gateway")) {
        GatewayConfig gateway = loadEdited(yaml, GatewayConfig.ENV_PREFIX, GatewayConfig.class);
        assertThat(gateway.outboxConfig().file()).as(name).startsWithRaw(Path.of("/var/lib/campusguard"));
      } else {
        throw new AssertionError(name + " in config/ is neither a hub nor a gateway config: name it hub*.yaml or gateway*.yaml so this test loads it");
      }
    }
  }

  /** Verifies that the county examples show a real deployment: TLS to the county broker, a secured OPC UA canteen. */
  @Test
  void countyExamplesUseTlsAndSecureOpcUa() throws Exception {
    Path config = UnpackedDistribution.home().resolve("config");
    HubConfig hub = loadEdited(config.resolve("hub.example.yaml"), HubMain.ENV_PREFIX, HubConfig.class);
    assertThat(hub.mqtt().url()).startsWith("ssl://");
    assertThat(hub.mqtt().tls().caFile()).isNotBlank();
    assertThat(hub.influx().url()).isNotBlank();
    GatewayConfig gw = loadEdited(config.resolve("gateway.example.yaml"), GatewayConfig.ENV_PREFIX, GatewayConfig.class);
    assertThat(gw.countyBroker().url()).startsWith("ssl://");
    assertThat(gw.opcuaConnector().orElseThrow().endpoints()).isNotEmpty()
        .allSatisfy(e -> assertThat(e.security().isInsecure()).isFalse());
  }

  /** Verifies that the loaders used above do refuse a broken copy of a shipped example (the check can fail). */
  @Test
  void aBrokenExampleIsRefusedNamingTheField() throws Exception {
    String text = Files.readString(UnpackedDistribution.home().resolve("config/gateway.example.yaml"));
    String broken = withoutMarker(text).replace("security: basic256sha256", "security: none");
    assertThat(broken).isNotEqualTo(text);
    assertThatThrownBy(() -> loader.parse(broken, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageContaining("opcua[0]");
  }

  /** The example as an operator leaves it: the placeholders marker line deleted, nothing else changed. */
  private <T extends Record> T loadEdited(Path yaml, String prefix, Class<T> type) throws Exception {
    return loader.parse(withoutMarker(Files.readString(yaml)), prefix, Map.of(), type);
  }

  private static String withoutMarker(String text) {
    String without = text.replaceFirst("(?m)^placeholders: .*\n", "");
    assertThat(without).as("the example's placeholders line").isNotEqualTo(text);
    return without;
  }
}
