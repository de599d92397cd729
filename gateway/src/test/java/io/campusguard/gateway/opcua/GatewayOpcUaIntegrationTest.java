package io.campusguard.gateway.opcua;

import static io.campusguard.gateway.opcua.CanteenOpcUaServer.COLD_STORE;
import static io.campusguard.gateway.opcua.CanteenOpcUaServer.nodeId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.config.OpcUaEndpointSettings;
import io.campusguard.gateway.config.OutboxSettings;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The gateway with an OPC UA endpoint in its config: canteen values from a real Milo server reach its outbox. */
@Timeout(120)
class GatewayOpcUaIntegrationTest {
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private CanteenOpcUaServer server;
  private CampusGateway gateway;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (server != null) {
      server.close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /** Verifies that a configured endpoint is subscribed, its values stored as canteen readings, and its state reported. */
  @Test
  void configuredEndpointFeedsTheOutbox(@TempDir Path dir) throws Exception {
    server = CanteenOpcUaServer.startOnFreePort();
    BrokerLink broker = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    OpcUaEndpointSettings endpoint = new OpcUaEndpointSettings(
        "canteen", server.endpointUrl(), "none", true,
        List.of(new OpcUaEndpointSettings.Node(nodeId(COLD_STORE), "LP-318-CS-01", "cold_store_temperature")),
        Duration.ofMillis(100), Duration.ofMillis(100), dir.resolve("pki").toString());
    GatewayConfig config = new GatewayConfig(
        "LP-318", null, broker, broker, null, new OutboxSettings(dir.resolve("outbox.db").toString(), null, null, null), null, null,
        List.of(endpoint));

    gateway = CampusGateway.start(config, RulesHook.PASS_THROUGH, Clock.systemUTC(), loop, scheduler);
    server.set(COLD_STORE, 9.25);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<EventEnvelope> stored = gateway.outbox().next(Map.of(), 100).get(5, TimeUnit.SECONDS);
      assertThat(stored).anySatisfy(e -> {
        assertThat(e.device()).isEqualTo("LP-318-CS-01");
        assertThat(e.body()).isEqualTo(CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 9.25));
      });
      // the first values can come while the endpoint is still being marked up
      assertThat(gateway.health().connectors()).containsEntry("opcua-canteen", ConnectorState.UP);
    });
  }

  /** Verifies the YAML form of the opcua section, and that a bad quantity names its place. */
  @Test
  void yamlSection() {
    String yaml = String.join("\n",
        "campus: LP-318",
        "countyBroker: { url: \"tcp://127.0.0.1:1883\" }",
        "campusBroker: { url: \"tcp://127.0.0.1:1883\" }",
        "opcua:",
        "  - id: canteen-plc",
        "    endpointUrl: \"opc.tcp://192.168.10.20:4840/canteen\"",
        "    security: basic256sha256",
        "    samplingInterval: 500ms",
        "    nodes:",
        "      - { nodeId: \"nsu=urn:vendor:canteen;s=ColdStore1.Temperature\", device: LP-318-CS-01, quantity: cold_store_temperature }",
        "");
    var loader = new io.campusguard.runtime.config.ConfigLoader();

    GatewayConfig config = loader.parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);

    var connector = config.opcuaConnector().orElseThrow();
    assertThat(connector.endpoints()).singleElement().satisfies(e -> {
      assertThat(e.security()).isEqualTo(OpcUaSecurity.BASIC256SHA256);
      assertThat(e.samplingInterval()).isEqualTo(Duration.ofMillis(500));
      assertThat(e.nodes()).singleElement().extracting(OpcUaNodeMapping::deviceId).isEqualTo("LP-318-CS-01");
    });
    assertThatThrownBy(() -> loader.parse(yaml.replace("cold_store_temperature", "warmth"), GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class))
        .hasMessageContaining("opcua[0].nodes[0].quantity");
  }

  /** Verifies that an endpoint with security None and no allowInsecure refuses the config, naming the field. */
  @Test
  void insecureEndpointIsRefusedUnlessAllowed() {
    OpcUaEndpointSettings insecure = new OpcUaEndpointSettings(
        "canteen", "opc.tcp://127.0.0.1:4840/x", "none", null,
        List.of(new OpcUaEndpointSettings.Node("ns=2;s=T", "LP-318-CS-01", "cold_store_temperature")), null, null, null);
    BrokerLink broker = BrokerLink.of("tcp://127.0.0.1:1883", null, null);

    assertThatThrownBy(() -> new GatewayConfig("LP-318", null, broker, broker, null, null, null, null, List.of(insecure)))
        .hasMessageStartingWith("opcua[0].allowInsecure");
  }
}
