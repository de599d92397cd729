package io.campusguard.gateway.opcua;

import static io.campusguard.gateway.opcua.CanteenOpcUaServer.COLD_STORE;
import static io.campusguard.gateway.opcua.CanteenOpcUaServer.nodeId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.CanteenReading.Quantity;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.LocalAlarm.Transition;
import io.campusguard.gateway.connector.BoundedHandoff;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OpcUaConnectorStartupTest {
  @Test
  void aServerThatIsDownAtStartIsRetriedWithBackoffAndTheWaitIsReportedAsAGap() throws Exception {
    int port = CanteenOpcUaServer.freePort();
    String url = "opc.tcp://127.0.0.1:" + port + "/canteen";
    ConcurrentLinkedQueue<DeviceMessage> received = new ConcurrentLinkedQueue<>();
    ExecutorService loop = Executors.newSingleThreadExecutor();
    OpcUaEndpointConfig endpoint =
        OpcUaEndpointConfig.of("LP-017-OPCUA-CANTEEN", url, OpcUaSecurity.NONE, true,
                List.of(new OpcUaNodeMapping(nodeId(COLD_STORE), "LP-017-CS-01", Quantity.COLD_STORE_TEMPERATURE)))
            .withIntervals(Duration.ofMillis(100), Duration.ofMillis(100));
    OpcUaConnector connector = new OpcUaConnector(
        new OpcUaConnectorConfig("LP-017", "LP-017-OPCUA", 100, List.of(endpoint)),
        new BoundedHandoff("LP-017", "LP-017-OPCUA", 100, Clock.systemUTC(), loop, received::add, 16),
        Clock.systemUTC());
    connector.start();
    CanteenOpcUaServer server = null;
    try {
      // the alarm comes through the handoff's loop, on its own time
      await().atMost(Duration.ofSeconds(20)).until(() -> connector.stats().reconnects() >= 2 && !dataLost(received).isEmpty());
      assertThat(connector.states().get("LP-017-OPCUA-CANTEEN")).isIn(ConnectionState.BACKOFF, ConnectionState.CONNECTING);
      assertThat(dataLost(received)).extracting(LocalAlarm::transition).containsExactly(Transition.RAISED);

      server = CanteenOpcUaServer.startOn(port);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> connector.states().get("LP-017-OPCUA-CANTEEN") == ConnectionState.UP);
      await().atMost(Duration.ofSeconds(5)).until(() -> dataLost(received).size() == 2);
      assertThat(dataLost(received).get(1).transition()).isEqualTo(Transition.CLEARED);
      assertThat(dataLost(received).get(1).value()).isPositive();
      server.set(COLD_STORE, 6.0);
      await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
          .anyMatch(m -> m.body() instanceof CanteenReading r && r.value() == 6.0));
    } finally {
      connector.stop().get(10, TimeUnit.SECONDS);
      if (server != null) {
        server.close();
      }
      loop.shutdownNow();
    }
  }

  private static List<LocalAlarm> dataLost(ConcurrentLinkedQueue<DeviceMessage> received) {
    return received.stream()
        .filter(m -> m.body() instanceof LocalAlarm a && a.type().equals("data_lost"))
        .map(m -> (LocalAlarm) m.body())
        .toList();
  }
}
