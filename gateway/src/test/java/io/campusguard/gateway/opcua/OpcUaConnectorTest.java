package io.campusguard.gateway.opcua;

import static io.campusguard.gateway.opcua.CanteenOpcUaServer.COLD_STORE;
import static io.campusguard.gateway.opcua.CanteenOpcUaServer.FREEZER;
import static io.campusguard.gateway.opcua.CanteenOpcUaServer.GAS;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a real in-process Milo server on 127.0.0.1; waits are bounded (Awaitility), never sleeps. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpcUaConnectorTest {
  private static final String ENDPOINT_ID = "LP-017-OPCUA-CANTEEN";

  private final ConcurrentLinkedQueue<DeviceMessage> received = new ConcurrentLinkedQueue<>();
  /** Stands in for the gateway's event loop: one thread, one task at a time. */
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private CanteenOpcUaServer server;
  private OpcUaConnector connector;

  @BeforeEach
  void startServerAndConnector() throws Exception {
    server = CanteenOpcUaServer.startOnFreePort();
    OpcUaEndpointConfig endpoint =
        OpcUaEndpointConfig.of(
                ENDPOINT_ID, server.endpointUrl(), OpcUaSecurity.NONE, true,
                List.of(
                    new OpcUaNodeMapping(nodeId(COLD_STORE), "LP-017-CS-01", Quantity.COLD_STORE_TEMPERATURE),
                    new OpcUaNodeMapping(nodeId(FREEZER), "LP-017-FZ-01", Quantity.FREEZER_TEMPERATURE),
                    new OpcUaNodeMapping(nodeId(GAS), "LP-017-GAS-01", Quantity.GAS_CONCENTRATION)))
            .withIntervals(Duration.ofMillis(100), Duration.ofMillis(100));
    OpcUaConnectorConfig config = new OpcUaConnectorConfig("LP-017", "LP-017-OPCUA", 1000, List.of(endpoint));
    BoundedHandoff handoff =
        new BoundedHandoff("LP-017", "LP-017-OPCUA", 1000, Clock.systemUTC(), loop, received::add, 64);
    connector = new OpcUaConnector(config, handoff, Clock.systemUTC());
    connector.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> connector.states().get(ENDPOINT_ID) == ConnectionState.UP);
  }

  @AfterEach
  void stopAll() throws Exception {
    if (connector != null) {
      connector.stop().get(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
    loop.shutdownNow();
  }

  private Optional<CanteenReading> reading(String device, double value) {
    return received.stream()
        .filter(m -> m.device().equals(device) && m.body() instanceof CanteenReading r && r.value() == value)
        .map(m -> (CanteenReading) m.body())
        .findFirst();
  }

  private List<LocalAlarm> alarms(String device, String type) {
    return received.stream()
        .filter(m -> m.device().equals(device) && m.body() instanceof LocalAlarm a && a.type().equals(type))
        .map(m -> (LocalAlarm) m.body())
        .toList();
  }

  @Test
  void valuesWrittenOnTheServerArriveAsCanteenReadings() {
    server.set(COLD_STORE, 4.5);
    server.set(GAS, 2.0);
    await().atMost(Duration.ofSeconds(10)).until(() -> reading("LP-017-CS-01", 4.5).isPresent());
    await().atMost(Duration.ofSeconds(10)).until(() -> reading("LP-017-GAS-01", 2.0).isPresent());
    assertThat(reading("LP-017-CS-01", 4.5).orElseThrow().quantity()).isEqualTo(Quantity.COLD_STORE_TEMPERATURE);
    assertThat(connector.stats().readings()).isGreaterThanOrEqualTo(2);
    assertThat(connector.stats().badValuesTotal()).isZero();
  }

  @Test
  void badValuesAreCountedAndReportedNotThrownAndTheGoodOnesKeepFlowing() {
    server.set(GAS, Double.NaN);
    server.set(FREEZER, "very cold");
    server.setDataValue(COLD_STORE, new DataValue(Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_SensorFailure),
        DateTime.now()));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      var bad = connector.stats().badValues();
      assertThat(bad.get(BadValueReason.NOT_FINITE)).isPositive();
      assertThat(bad.get(BadValueReason.WRONG_TYPE)).isPositive();
      assertThat(bad.get(BadValueReason.BAD_STATUS)).isPositive();
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> alarms("LP-017-GAS-01", "bad_value").size() == 1);
    assertThat(alarms("LP-017-GAS-01", "bad_value").get(0).detail()).contains("not_finite");
    // the connection survived, and a good value clears the node's alarm
    server.set(GAS, 3.0);
    await().atMost(Duration.ofSeconds(10)).until(() -> reading("LP-017-GAS-01", 3.0).isPresent());
    await().atMost(Duration.ofSeconds(10)).until(() -> alarms("LP-017-GAS-01", "bad_value").size() == 2);
    assertThat(alarms("LP-017-GAS-01", "bad_value").get(1).transition()).isEqualTo(Transition.CLEARED);
    assertThat(connector.states().get(ENDPOINT_ID)).isEqualTo(ConnectionState.UP);
  }

  @Test
  void afterTheServerRestartsTheConnectorResubscribesWithin30sAndReportsTheGap() throws Exception {
    server.set(COLD_STORE, 3.0);
    await().atMost(Duration.ofSeconds(10)).until(() -> reading("LP-017-CS-01", 3.0).isPresent());
    int port = server.port();

    server.close();
    server = null;
    await().atMost(Duration.ofSeconds(20))
        .until(() -> alarms(ENDPOINT_ID, "data_lost").stream().anyMatch(a -> a.transition() == Transition.RAISED)
            && connector.states().get(ENDPOINT_ID) != ConnectionState.UP); // the alarm is handed off before the state changes
    assertThat(connector.states().get(ENDPOINT_ID)).isNotEqualTo(ConnectionState.UP);

    server = CanteenOpcUaServer.startOn(port);
    long restartedAt = System.nanoTime();
    await().atMost(Duration.ofSeconds(30)).until(() -> connector.states().get(ENDPOINT_ID) == ConnectionState.UP);
    assertThat(Duration.ofNanos(System.nanoTime() - restartedAt)).isLessThan(Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> alarms(ENDPOINT_ID, "data_lost").stream().anyMatch(a -> a.transition() == Transition.CLEARED));
    LocalAlarm cleared = alarms(ENDPOINT_ID, "data_lost").stream()
        .filter(a -> a.transition() == Transition.CLEARED).findFirst().orElseThrow();
    assertThat(cleared.value()).isPositive();
    assertThat(cleared.detail()).contains("for PT");
    assertThat(alarms(ENDPOINT_ID, "data_lost")).hasSize(2); // raised once, cleared once

    server.set(COLD_STORE, 5.5);
    await().atMost(Duration.ofSeconds(10)).until(() -> reading("LP-017-CS-01", 5.5).isPresent());
    assertThat(connector.stats().reconnects()).isPositive();
  }
}
