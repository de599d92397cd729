package io.campusguard.gateway.opcua;

import static io.campusguard.gateway.opcua.CanteenOpcUaServer.COLD_STORE;
import static io.campusguard.gateway.opcua.CanteenOpcUaServer.nodeId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.CanteenReading.Quantity;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.gateway.connector.BoundedHandoff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpcUaSecureConnectionTest {
  private static final String ENDPOINT_ID = "LP-017-OPCUA-SECURE";

  @Test
  void connectsWithBasic256Sha256OnlyOnceTheGatewayTrustsTheServerCertificate(@TempDir Path pki) throws Exception {
    ConcurrentLinkedQueue<DeviceMessage> received = new ConcurrentLinkedQueue<>();
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try (CanteenOpcUaServer server = CanteenOpcUaServer.startSecureOnFreePort()) {
      OpcUaEndpointConfig endpoint =
          OpcUaEndpointConfig.of(
                  ENDPOINT_ID, server.endpointUrl(), OpcUaSecurity.BASIC256SHA256, false,
                  List.of(new OpcUaNodeMapping(nodeId(COLD_STORE), "LP-017-CS-01", Quantity.COLD_STORE_TEMPERATURE)))
              .withIntervals(Duration.ofMillis(100), Duration.ofMillis(100))
              .withPkiDir(pki);
      OpcUaConnectorConfig config = new OpcUaConnectorConfig("LP-017", "LP-017-OPCUA", 100, List.of(endpoint));
      OpcUaConnector connector =
          new OpcUaConnector(
              config, new BoundedHandoff("LP-017", "LP-017-OPCUA", 100, Clock.systemUTC(), loop, received::add, 16),
              Clock.systemUTC());
      // given the server trusts the gateway's certificate, but the gateway does not trust the server yet
      server.trustClient(ClientIdentity.loadOrCreate(pki, "urn:campusguard:gateway:LP-017").certificate());
      connector.start();
      try {
        // then the gateway refuses the server: its certificate is quarantined for an operator, no session
        Path rejected = pki.resolve("rejected");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(rejected)
            && Files.walk(rejected).anyMatch(Files::isRegularFile));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
            .anyMatch(m -> m.body() instanceof LocalAlarm a && a.type().equals("data_lost")));
        assertThat(connector.states().get(ENDPOINT_ID)).isNotEqualTo(ConnectionState.UP);

        // when the operator trusts the server on the gateway
        Files.write(pki.resolve("trusted").resolve("certs").resolve("canteen.der"), server.certificate().getEncoded());

        // then it connects within the capped backoff, and values flow
        await().atMost(Duration.ofSeconds(30)).until(() -> connector.states().get(ENDPOINT_ID) == ConnectionState.UP);
        server.set(COLD_STORE, 2.5);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
            .anyMatch(m -> m.body() instanceof CanteenReading r && r.value() == 2.5));
      } finally {
        connector.stop().get(10, TimeUnit.SECONDS);
      }
    } finally {
      loop.shutdownNow();
    }
  }
}
