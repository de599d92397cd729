package io.campusguard.gateway.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector seam: a protocol the gateway did not know, added through the registry alone (this test's
 * {@link ProbeConnector}), gets its config section, shows in the heartbeat the county receives, and feeds the
 * pipeline; a connector that fails at start is shown down with its reason while the others run on.
 */
@Timeout(90)
class ConnectorSeamTest {
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private final List<AutoCloseable> closeLast = new ArrayList<>();

  /** What a test connector is configured with, under {@code connectors.probe}. */
  record ProbeSettings(String device, Double reading, Boolean failAtStart) {
    ProbeSettings {
      io.campusguard.devices.Ids.require("device", device);
      if (reading == null) {
        throw new IllegalArgumentException("reading: required");
      }
    }
  }

  /** A protocol of its own: at start it hands one reading (and one bad frame) to the inbox, unless told to fail. */
  static final class ProbeConnector implements SouthboundConnector {
    static final List<ProbeSettings> CONFIGURED = new CopyOnWriteArrayList<>();
    private final ProbeSettings settings;
    private final ConnectorContext context;
    private volatile ConnectorStatus status = ConnectorStatus.of(ConnectorState.DISABLED);
    private volatile long handed;

    ProbeConnector(ProbeSettings settings, ConnectorContext context) {
      this.settings = settings;
      this.context = context;
    }

    static List<SouthboundConnector> create(ConnectorContext context) {
      return context.settings(ProbeSettings.class).<List<SouthboundConnector>>map(s -> {
        CONFIGURED.add(s);
        return List.of(new ProbeConnector(s, context));
      }).orElse(List.of());
    }

    @Override
    public void start() {
      if (Boolean.TRUE.equals(settings.failAtStart())) {
        throw new IllegalStateException("serial port /dev/ttyS9 busy");
      }
      status = ConnectorStatus.of(ConnectorState.UP);
      context.inbox().message(new DeviceMessage(context.campus(), settings.device(), EventKind.CANTEEN, context.clock().instant(),
          CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, settings.reading())));
      context.inbox().reject("probe/frame-2", "\u0002garbage".getBytes(StandardCharsets.UTF_8),
          new Rejection("frame", Rejection.Reason.WRONG_SHAPE, "no end marker"));
      handed = 2;
    }

    @Override
    public Map<String, ConnectorStatus> status() {
      return Map.of("probe", status);
    }

    @Override
    public Map<String, Long> counters() {
      return Map.of("handed", handed);
    }

    @Override
    public void close() {
      status = ConnectorStatus.of(ConnectorState.DISABLED);
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeLast.size() - 1; i >= 0; i--) {
      closeLast.get(i).close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /** Verifies that a connector registered through the registry alone receives its config, reports in the heartbeat and feeds the pipeline. */
  @Test
  void aConnectorAddedThroughTheRegistryAloneReportsAndFeedsThePipeline() throws Exception {
    String campus = campusId();
    ScriptedHub hub = track(new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));
    ConnectorRegistry registry = ConnectorRegistry.standard().register("probe", ProbeConnector::create);

    CampusGateway gateway = start(registry, config(campus, "{ device: " + campus + "-CS-01, reading: 4.5 }"));

    // given its own section, bound onto its own settings record
    assertThat(ProbeConnector.CONFIGURED).anySatisfy(s -> assertThat(s.device()).isEqualTo(campus + "-CS-01"));
    // its reading went through the pipeline into the outbox and on to the county
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.received().stream().anyMatch(e -> e.device().equals(campus + "-CS-01")));
    EventEnvelope reading = hub.received().stream().filter(e -> e.device().equals(campus + "-CS-01")).findFirst().orElseThrow();
    assertThat(reading.body()).isEqualTo(CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.5));
    // its bad frame is a dead letter, counted, with its reason
    assertThat(gateway.pipeline().rejected()).isEqualTo(1);
    // its state in the heartbeat the county receives, beside the standard connectors
    await().atMost(Duration.ofSeconds(20)).until(() -> lastHeartbeat(hub) != null
        && lastHeartbeat(hub).connectors().get("probe") == ConnectorState.UP
        && lastHeartbeat(hub).deviceInput().refused() == 1);
    GatewayHealth heartbeat = lastHeartbeat(hub);
    assertThat(heartbeat.connectors()).containsKeys("campus", "county", "probe");
    assertThat(heartbeat.deviceInput().recent()).singleElement().satisfies(r -> {
      assertThat(r.source()).isEqualTo("probe/frame-2");
      assertThat(r.field()).isEqualTo("frame");
      assertThat(r.reason()).isEqualTo("wrong_shape");
    });
  }

  /** Verifies that a connector that throws at start is shown down with its reason while the others keep running. */
  @Test
  void aConnectorThatFailsAtStartIsDownWithItsReasonAndTheOthersRunOn() throws Exception {
    String campus = campusId();
    ScriptedHub hub = track(new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));
    ConnectorRegistry registry = ConnectorRegistry.standard().register("probe", ProbeConnector::create);

    CampusGateway gateway = start(registry, config(campus, "{ device: " + campus + "-CS-01, reading: 4.5, failAtStart: true }"));

    assertThat(gateway.connectorStatus().get("probe")).isEqualTo(new ConnectorStatus(ConnectorState.DOWN, "serial port /dev/ttyS9 busy"));
    // the campus broker's connector and the uplink run on
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.campusState() == ConnectorState.UP && gateway.uplink().state() == ConnectorState.UP);
    await().atMost(Duration.ofSeconds(20)).until(() -> lastHeartbeat(hub) != null && lastHeartbeat(hub).connectors().get("campus") == ConnectorState.UP);
    GatewayHealth heartbeat = lastHeartbeat(hub);
    assertThat(heartbeat.connectors()).containsEntry("probe", ConnectorState.DOWN);
    assertThat(heartbeat.connectorReasons()).containsEntry("probe", "serial port /dev/ttyS9 busy");
  }

  /** Verifies that a section no connector is registered for, or a bad value in one, refuses the config naming the field. */
  @Test
  void anUnknownSectionOrABadValueRefusesToStartNamingTheField() throws Exception {
    String campus = campusId();
    GatewayConfig unknown = config(campus, "{ device: x }").withConnector("modbsu", config(campus, "{ device: x }").connectors().get("probe"));
    assertThatThrownBy(() -> ConnectorRegistry.standard().register("probe", ProbeConnector::create).check(unknown))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("connectors.modbsu").hasMessageContaining("probe");

    assertThatThrownBy(() -> start(ConnectorRegistry.standard().register("probe", ProbeConnector::create),
        config(campus, "{ device: " + campus + "-CS-01 }")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("connectors.probe.reading");
  }

  private GatewayConfig config(String campus, String probeSection) {
    String url = TestServices.mqttUrl();
    String yaml = String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "countyBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "outbox: { file: \"" + dir.resolve(campus + ".db") + "\" }",
        "uplink: { heartbeatInterval: 300ms }",
        "connectors:",
        "  probe: " + probeSection,
        "");
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }

  private CampusGateway start(ConnectorRegistry registry, GatewayConfig config) throws Exception {
    return track(CampusGateway.start(config, registry, RulesHook.PASS_THROUGH, Clock.systemUTC(), loop, scheduler));
  }

  private static GatewayHealth lastHeartbeat(ScriptedHub hub) {
    List<GatewayStatus> s = hub.statuses();
    for (int i = s.size() - 1; i >= 0; i--) {
      if (s.get(i).health().state() == GatewayHealth.State.HEARTBEAT) {
        return s.get(i).health();
      }
    }
    return null;
  }

  private <T extends AutoCloseable> T track(T closeable) {
    closeLast.add(closeable);
    return closeable;
  }

  private static String campusId() {
    return "T-" + Long.toHexString(System.nanoTime());
  }

}
