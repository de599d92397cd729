package io.campusguard.gateway.dc09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.connector.ConnectorRegistry;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DC-09 receiver inside a running gateway, through the registry's {@code connectors.dc09} section: a panel's
 * panic press reaches the county as a P0 press of the zone's button, its restore clears it, a replayed sequence
 * number is ACKed and stored once, bad frames are counted as refused device input, and a panel that falls silent
 * raises one "panel link lost" alarm after its supervision interval, cleared by its next message.
 */
@Timeout(90)
class Dc09GatewayTest {
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private ScriptedHub hub;
  private CampusGateway gateway;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (hub != null) {
      hub.close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /** Verifies panic press and restore end to end, replay stored once, refusals counted, the receiver serving on. */
  @Test
  void panicPressReachesTheCountyAsP0AndAReplayIsStoredOnce() throws Exception {
    String campus = "T-" + Long.toHexString(System.nanoTime());
    hub = new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus);
    gateway = CampusGateway.start(config(campus, null), ConnectorRegistry.standard(), RulesHook.PASS_THROUGH, Clock.systemUTC(), loop, scheduler);
    int port = port();
    assertThat(gateway.connectorStatus()).containsKey("dc09");

    byte[] press = TestPanel.plain("ADM-CID", 1, null, "0", "1234", "#1234|1120 01 015", TestPanel.timestamp(Instant.now()));
    assertThat(TestPanel.sendTcp(port, press, false)).contains("\"ACK\"0001L0#1234[]");
    await().atMost(Duration.ofSeconds(30)).until(() -> events(campus + "-PB-15").size() == 1);
    EventEnvelope p0 = events(campus + "-PB-15").get(0);
    assertThat(p0.kind()).isEqualTo(EventKind.PANIC);
    assertThat(p0.priority()).isEqualTo(Priority.P0);
    assertThat(p0.body()).isEqualTo(new PanicEvent(PanicEvent.Action.PRESSED));

    // the panel did not hear the ACK and sends the same message again: ACKed, not stored again
    assertThat(TestPanel.sendTcp(port, press, false)).contains("\"ACK\"0001L0#1234[]");
    // bad frames are refused and counted, the receiver serves on
    byte[] badCrc = press.clone();
    badCrc[1] = (byte) (badCrc[1] == '0' ? '1' : '0');
    assertThat(TestPanel.sendTcp(port, badCrc, false)).contains("\"NAK\"");
    assertThat(TestPanel.sendTcp(port, java.util.Arrays.copyOf(press, press.length / 2), true)).isNull();
    byte[] restore = TestPanel.plain("ADM-CID", 2, null, "0", "1234", "#1234|3120 01 015", TestPanel.timestamp(Instant.now()));
    assertThat(TestPanel.sendTcp(port, restore, false)).contains("\"ACK\"0002L0#1234[]");
    await().atMost(Duration.ofSeconds(30)).until(() -> events(campus + "-PB-15").size() == 2);
    assertThat(events(campus + "-PB-15")).extracting(EventEnvelope::body)
        .containsExactly(new PanicEvent(PanicEvent.Action.PRESSED), new PanicEvent(PanicEvent.Action.CLEARED));
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.pipeline().rejected() == 2);
    assertThat(dc09().counters()).containsEntry("duplicates", 1L).containsEntry("refused_bad_crc", 1L).containsEntry("refused_bad_framing", 1L);
  }

  /** Verifies that a silent panel raises one link-lost alarm after its interval (± 2 s), cleared by its next message. */
  @Test
  void aSilentPanelRaisesOneLinkLostAlarmClearedByItsNextMessage() throws Exception {
    String campus = "T-" + Long.toHexString(System.nanoTime());
    hub = new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus);
    gateway = CampusGateway.start(config(campus, "3s"), ConnectorRegistry.standard(), RulesHook.PASS_THROUGH, Clock.systemUTC(), loop, scheduler);
    byte[] heard = TestPanel.frame("\"NULL\"0000L0#1234[]");
    Instant last = Instant.now();
    assertThat(TestPanel.sendTcp(port(), heard, false)).contains("\"ACK\"0000L0#1234[]");
    await().atMost(Duration.ofSeconds(30)).until(() -> !linkAlarms(campus).isEmpty());
    EventEnvelope lost = linkAlarms(campus).get(0);
    assertThat(((LocalAlarm) lost.body()).transition()).isEqualTo(LocalAlarm.Transition.RAISED);
    assertThat(Duration.between(last, lost.sourceTs())).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5));

    assertThat(TestPanel.sendTcp(port(), heard, false)).contains("\"ACK\"");
    await().atMost(Duration.ofSeconds(30)).until(() -> linkAlarms(campus).size() == 2);
    assertThat(((LocalAlarm) linkAlarms(campus).get(1).body()).transition()).isEqualTo(LocalAlarm.Transition.CLEARED);
    assertThat(linkAlarms(campus)).hasSize(2); // once: a silence is one alarm
  }

  private List<EventEnvelope> linkAlarms(String campus) {
    return hub.distinct().values().stream()
        .filter(e -> e.device().equals(campus + "-AP-01") && e.body() instanceof LocalAlarm a && a.type().equals(PanelLinks.ALARM_TYPE))
        .sorted(java.util.Comparator.comparingLong(EventEnvelope::seq)).toList();
  }

  private List<EventEnvelope> events(String device) {
    return hub.distinct().values().stream().filter(e -> e.device().equals(device)).sorted(java.util.Comparator.comparingLong(EventEnvelope::seq)).toList();
  }

  private Dc09Connector dc09() {
    return gateway.connectors().stream().map(b -> b.connector()).filter(Dc09Connector.class::isInstance).map(Dc09Connector.class::cast).findFirst().orElseThrow();
  }

  private int port() {
    return dc09().tcpPort();
  }

  private GatewayConfig config(String campus, String supervision) {
    String url = TestServices.mqttUrl();
    String yaml = String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "countyBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "outbox: { file: \"" + dir.resolve(campus + ".db") + "\" }",
        "uplink: { heartbeatInterval: 300ms }",
        "connectors:",
        "  dc09:",
        "    bindAddress: 127.0.0.1",
        "    tcpPort: 0",
        "    accounts:",
        "      - account: \"1234\"",
        "        device: " + campus + "-AP-01",
        supervision == null ? "" : "        supervision: " + supervision,
        "        zones: { \"15\": { device: " + campus + "-PB-15, room: 门卫室, panic: true } }",
        "");
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }
}
