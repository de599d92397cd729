package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.broker.BrokerSettings;
import io.campusguard.broker.EmbeddedMqttBroker;
import io.campusguard.broker.TlsListener;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.config.OutboxSettings;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.support.DevicePublisher;
import io.campusguard.gateway.support.MosquittoProcess;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.runtime.tls.TlsFiles;
import io.campusguard.testing.TestPki;
import io.campusguard.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink over TLS: to the embedded HiveMQ county broker (which demands a client certificate) and to a real
 * Mosquitto with a TLS listener. A wrong CA or a host name the broker's certificate does not name keeps the
 * uplink down; nothing then reaches the county.
 */
@Timeout(240)
class GatewayTlsUplinkTest {
  private static Path pki;
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeAll
  static void certificates(@TempDir Path tmp) {
    pki = tmp;
    TestPki.write(pki, "gw-T-TLS");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /** Verifies that a panic press reaches the county over TLS to the embedded broker, the gateway proving itself by certificate. */
  @Test
  void uplinkOverTlsToTheEmbeddedCountyBroker() throws Exception {
    TlsListener tls = new TlsListener("127.0.0.1", 0, new TlsFiles(file("ca.pem"), file("broker.pem"), file("broker.key"), null),
        TlsListener.ClientAuth.REQUIRED);
    EmbeddedMqttBroker county = new EmbeddedMqttBroker("county-tls-gw", BrokerSettings.of(0, dir.resolve("county")).withTls(tls), null);
    county.start().get(60, TimeUnit.SECONDS);
    closing.add(() -> county.stop().get(30, TimeUnit.SECONDS));

    String campus = campus();
    ScriptedHub hub = track(new ScriptedHub(county.url(), null, null, campus));
    CampusGateway gateway = gateway(campus, county.tlsUrl("localhost"), new TlsFiles(file("ca.pem"), file("gw-T-TLS.pem"), file("gw-T-TLS.key"), null));
    pressPanic(campus);
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.distinct().size() == 1);
    assertThat(gateway.uplink().state()).isEqualTo(ConnectorState.UP);
  }

  /**
   * Verifies that a panic press reaches the county over TLS to a real Mosquitto, and that a wrong CA or a
   * wrong host name keeps the uplink down.
   */
  @Test
  void uplinkOverTlsToMosquittoAndWrongCaOrHostRefused() throws Exception {
    int tlsPort = TestServices.freePort();
    MosquittoProcess mosquitto = new MosquittoProcess(dir.resolve("mosquitto"), List.of(
        "listener " + tlsPort + " 127.0.0.1",
        "cafile " + file("ca.pem"),
        "certfile " + file("broker.pem"),
        "keyfile " + file("broker.key")));
    mosquitto.start();
    closing.add(mosquitto);

    String wrongCa = campus();
    CampusGateway withWrongCa = gateway(wrongCa, "ssl://localhost:" + tlsPort, TlsFiles.trusting(file("other-ca.pem")));
    String wrongHost = campus();
    CampusGateway withWrongHost = gateway(wrongHost, "ssl://127.0.0.1:" + tlsPort, TlsFiles.trusting(file("ca.pem")));
    String campus = campus();
    ScriptedHub hub = track(new ScriptedHub(mosquitto.url(), null, null, campus));
    CampusGateway gateway = gateway(campus, "ssl://localhost:" + tlsPort, TlsFiles.trusting(file("ca.pem")));

    pressPanic(campus);
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.distinct().size() == 1);
    assertThat(gateway.uplink().state()).isEqualTo(ConnectorState.UP);
    // the two misconfigured gateways have tried for as long as the good one needed, and keep failing
    ScriptedHub otherHubs = track(new ScriptedHub(mosquitto.url(), null, null, wrongCa));
    pressPanic(wrongCa);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
        withWrongCa.uplink().state() != ConnectorState.UP && withWrongHost.uplink().state() != ConnectorState.UP);
    // the press reaches the outbox through the campus broker, on the gateway's own time
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(withWrongCa.outbox().laneStats().get(io.campusguard.devices.Priority.P0).depth()).as("kept for later").isEqualTo(1));
    assertThat(otherHubs.received()).isEmpty();
  }

  private CampusGateway gateway(String campus, String countyUrl, TlsFiles tls) throws Exception {
    BrokerLink campusSide = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    BrokerLink countySide = new BrokerLink(countyUrl, null, null, null, null, Duration.ofMillis(100), Duration.ofMillis(500), tls, null);
    GatewayConfig config = new GatewayConfig(campus, null, campusSide, countySide, null,
        new OutboxSettings(dir.resolve(campus + ".db").toString(), null, null, null), null, null);
    CampusGateway gateway = CampusGateway.start(config, RulesHook.PASS_THROUGH, Clock.systemUTC(), loop, scheduler);
    closing.add(gateway);
    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.campusConnector().state() == ConnectorState.UP);
    return gateway;
  }

  private void pressPanic(String campus) throws Exception {
    try (DevicePublisher device = new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus)) {
      device.publish(campus + "-PB-01", new PanicEvent(PanicEvent.Action.PRESSED));
    }
  }

  private ScriptedHub track(ScriptedHub hub) {
    closing.add(hub);
    return hub;
  }

  private static String campus() {
    return "T-TLS" + Long.toHexString(System.nanoTime()).substring(6);
  }

  private static String file(String name) {
    return pki.resolve(name).toString();
  }

}
