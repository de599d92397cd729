package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.config.OutboxSettings;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.outbox.DeadLetter;
import io.campusguard.gateway.support.DevicePublisher;
import io.campusguard.gateway.support.MosquittoProcess;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.gateway.uplink.UplinkConfig;
import io.campusguard.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * The gateway between real brokers: devices publish on Mosquitto (scripts/test.sh's), the gateway stores and
 * forwards, a scripted hub decodes the batches and acks what it "committed".
 */
@Timeout(120)
class GatewayEndToEndTest {
  @TempDir Path dir;
  private final List<AutoCloseable> closeLast = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closeLast.size() - 1; i >= 0; i--) {
      closeLast.get(i).close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /**
   * Verifies that every good event arrives once per id at the county side, in sequence order per lane, that bad
   * input is dead-lettered and counted without losing the good messages around it, and that acked events leave
   * the outbox.
   */
  @Test
  void everyEventArrivesInOrderAndBadInputIsDeadLettered() throws Exception {
    String campus = campusId();
    BrokerLink shared = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    ScriptedHub hub = track(new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));
    CampusGateway gateway = startGateway(campus, shared, shared, UplinkConfig.DEFAULTS);
    awaitUp(gateway);
    DevicePublisher devices = track(new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));

    // given good messages with bad ones between them
    int readings = 300;
    int alarms = 30;
    int bad = 0;
    for (int i = 0; i < readings; i++) {
      devices.publish("CS-" + (i % 3), CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, i / 10.0));
      if (i % 10 == 0) {
        devices.publish("PB-" + (i % 4), new PanicEvent(PanicEvent.Action.PRESSED));
        devices.publish("PB-" + (i % 4), new PanicEvent(PanicEvent.Action.CLEARED));
        devices.publish("PB-1", new io.campusguard.devices.body.DeviceHeartbeat(io.campusguard.devices.EventKind.PANIC));
      }
      if (i % 30 == 0) {
        devices.raw("campus/" + campus + "/panic/PB-9", "{not json".getBytes(StandardCharsets.UTF_8));
        devices.raw("campus/" + campus + "/canteen/CS-9", "{\"ts\":\"2026-11-28T08:00:00Z\",\"quantity\":\"cold_store_temperature\",\"value\":\"hot\",\"unit\":\"degC\"}".getBytes(StandardCharsets.UTF_8));
        devices.raw("campus/" + campus + "/toaster/T-1", "{}".getBytes(StandardCharsets.UTF_8));
        devices.raw("campus/" + campus + "/panic/PB-9", new byte[70_000]);
        bad += 4;
      }
    }
    int expected = readings + 2 * alarms;

    // then every good event arrives, and each id only ever carries one content
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.distinct().size() >= expected);
    Map<String, EventEnvelope> distinct = hub.distinct();
    assertThat(distinct).hasSize(expected);
    for (EventEnvelope e : hub.received()) {
      assertThat(e).isEqualTo(distinct.get(e.id()));
    }
    assertThat(hub.badBatches()).isEmpty();
    // in sequence order per lane, in first-arrival order
    Map<Priority, Long> lastSeq = new HashMap<>();
    for (EventEnvelope e : distinct.values()) {
      Long before = lastSeq.put(e.priority(), e.seq());
      assertThat(before == null || before < e.seq()).as("seq %s after %s in %s", e.seq(), before, e.priority()).isTrue();
    }
    // readings in the order the devices sent them
    List<Double> values = distinct.values().stream()
        .filter(e -> e.body() instanceof CanteenReading)
        .map(e -> ((CanteenReading) e.body()).value()).toList();
    assertThat(values).isSorted().hasSize(readings);
    assertThat(distinct.values()).filteredOn(e -> e.priority() == Priority.P0).hasSize(alarms);
    // bad input counted and kept with its reason; heartbeats not forwarded
    final int badCount = bad;
    // each counted as the pipeline and the outbox get to it, the last heartbeat perhaps after the last alarm arrived
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(gateway.pipeline().rejected()).isEqualTo(badCount);
      assertThat(gateway.outbox().deadLettersSinceStart()).isEqualTo(badCount);
      assertThat(gateway.outbox().recentDeadLetters(100).get(10, TimeUnit.SECONDS))
          .extracting(DeadLetter::reason).contains("NOT_JSON", "WRONG_TYPE", "UNKNOWN_VALUE", "TOO_LARGE");
      assertThat(gateway.pipeline().skipped()).isEqualTo(alarms);
    });
    // and acked events leave the outbox
    await().atMost(Duration.ofSeconds(20)).until(() ->
        gateway.outbox().laneStats().values().stream().mapToLong(GatewayHealth.LaneStats::depth).sum() == 0);
    List<Long> latencies = hub.p0LatenciesMs().stream().sorted().toList();
    assertThat(latencies).hasSize(alarms);
    System.out.printf("P0 device publish -> county receipt (ms): p50 %d, p99 %d, max %d (n=%d)%n",
        latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
        latencies.get(latencies.size() - 1), latencies.size());
    // the hub saw the restart marker of this boot
    assertThat(hub.statuses()).anySatisfy(s -> {
      assertThat(s.health().state()).isEqualTo(GatewayHealth.State.STARTED);
      assertThat(s.health().bootId()).isEqualTo(gateway.uplink().bootId());
    });
  }

  /**
   * Verifies that with the county broker down under load nothing is lost, and when it is back the alarms
   * raised during the outage arrive before the telemetry backlog, which drains under the rate limit.
   */
  @Test
  void countyOutageLosesNothingAndAlarmsOvertakeTheBacklog() throws Exception {
    String campus = campusId();
    MosquittoProcess county = track(new MosquittoProcess(dir.resolve("county")).start());
    BrokerLink campusBroker = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    BrokerLink countyBroker = new BrokerLink(county.url(), null, null, null, null, Duration.ofMillis(100), Duration.ofMillis(500));
    double rate = 1_000;
    UplinkConfig uplink = new UplinkConfig(null, 200, null, Duration.ofSeconds(5), rate, Duration.ofMillis(300), Duration.ofSeconds(1), null);
    CampusGateway gateway = startGateway(campus, campusBroker, countyBroker, uplink);
    ScriptedHub hub = track(new ScriptedHub(county.url(), null, null, campus));
    awaitUp(gateway);
    DevicePublisher devices = track(new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));

    // control: the link works
    devices.publish("PB-0", new PanicEvent(PanicEvent.Action.PRESSED));
    await().atMost(Duration.ofSeconds(20)).until(() -> hub.distinct().size() == 1);

    // when the county broker goes away and the campus keeps talking
    county.stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.uplink().state() != GatewayHealth.ConnectorState.UP);
    int backlog = 3_000;
    for (int i = 0; i < backlog; i++) {
      devices.publish("CS-1", CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, i / 100.0));
    }
    int alarms = 5;
    for (int i = 0; i < alarms; i++) {
      devices.publish("PB-" + i, new PanicEvent(PanicEvent.Action.PRESSED));
    }
    // the broker's PUBACK is not the gateway's: wait until the gateway has stored the alarms too (they come last)
    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.outbox().laneStats().get(Priority.P2).depth() == backlog
        && gateway.outbox().laneStats().get(Priority.P0).depth() == alarms);

    // and comes back
    long back = System.nanoTime();
    county.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.distinct().size() == 1 + backlog + alarms);
    long drainMs = (System.nanoTime() - back) / 1_000_000;

    // then nothing is lost, and the outage's alarms came before the backlog
    List<EventEnvelope> arrival = new ArrayList<>(hub.distinct().values()).subList(1, 1 + backlog + alarms);
    assertThat(arrival.subList(0, alarms)).allSatisfy(e -> assertThat(e.priority()).isEqualTo(Priority.P0));
    assertThat(arrival.stream().filter(e -> e.priority() == Priority.P2).map(e -> ((CanteenReading) e.body()).value()).toList())
        .isSorted().hasSize(backlog);
    // paced: beyond the first burst (the bucket holds max(batch, rate) tokens) it cannot beat the rate
    assertThat(drainMs).isGreaterThanOrEqualTo((long) ((backlog - rate) / rate * 1000) - 200);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        gateway.outbox().laneStats().values().stream().mapToLong(GatewayHealth.LaneStats::depth).sum() == 0);
  }

  /**
   * Verifies that panic presses queued in the campus broker behind a telemetry backlog (the gateway was away)
   * overtake it: the broker delivers one session in order, and the presses have a session of their own.
   */
  @Test
  void panicPressesOvertakeATelemetryBacklogQueuedInTheCampusBroker() throws Exception {
    String campus = campusId();
    BrokerLink shared = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    ScriptedHub hub = track(new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));
    UplinkConfig uplink = new UplinkConfig(null, null, null, null, 1_000_000.0, Duration.ZERO, null, null);
    // given the gateway's sessions exist in the campus broker, and the gateway goes away
    CampusGateway first = startGateway(campus, shared, shared, uplink);
    awaitUp(first);
    first.close();
    closeLast.remove(first);

    // when the devices publish a backlog of readings, then a few presses
    DevicePublisher devices = track(new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));
    int backlog = 10_000;
    for (int i = 0; i < backlog; i++) {
      devices.publish("CS-1", CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, i / 1000.0));
    }
    int presses = 5;
    for (int i = 0; i < presses; i++) {
      devices.publish("PB-" + i, new PanicEvent(PanicEvent.Action.PRESSED));
    }
    // and the gateway comes back (same client ids, same outbox)
    CampusGateway gateway = startGateway(campus, shared, shared, uplink);

    // then every event arrives, and the presses before the bulk of the backlog
    await().atMost(Duration.ofSeconds(90)).until(() -> hub.distinct().size() >= backlog + presses);
    List<EventEnvelope> arrival = new ArrayList<>(hub.distinct().values());
    assertThat(arrival).hasSize(backlog + presses);
    int lastPress = 0;
    for (int i = 0; i < arrival.size(); i++) {
      if (arrival.get(i).priority() == Priority.P0) {
        lastPress = i;
      }
    }
    System.out.printf("panic presses behind a backlog of %d readings: the last one arrived as event %d%n", backlog, lastPress + 1);
    assertThat(lastPress).as("position of the last press among %d events", arrival.size()).isLessThan(backlog / 2);
    // control: the readings still came in the order the devices sent them
    assertThat(arrival.stream().filter(e -> e.priority() == Priority.P2).map(e -> ((CanteenReading) e.body()).value()).toList())
        .isSorted().hasSize(backlog);
    assertThat(gateway.pipeline().received()).isEqualTo(backlog + presses);
    // the main session's copies of the presses collapsed without counting as redeliveries
    assertThat(gateway.outbox().duplicatesCollapsed()).isZero();
  }

  /**
   * Verifies that the heartbeat's clock offset is 0 until an ack carries the hub's time, and then follows the
   * hub's clock (here 90 s ahead), low by at most the ack's path delay.
   */
  @Test
  void heartbeatReportsTheClockOffsetFromTheHubsAcks() throws Exception {
    String campus = campusId();
    BrokerLink shared = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    ScriptedHub hub = track(new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));
    UplinkConfig uplink = new UplinkConfig(null, null, null, null, null, Duration.ZERO, Duration.ofMillis(200), null);
    CampusGateway gateway = startGateway(campus, shared, shared, uplink);
    awaitUp(gateway);
    DevicePublisher devices = track(new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));

    // control: heartbeats before any ack say 0
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.statuses().stream()
        .anyMatch(s -> s.health().state() == GatewayHealth.State.HEARTBEAT));
    assertThat(hub.statuses()).allSatisfy(s -> assertThat(s.health().clockOffsetMs()).isZero());

    // when the hub's clock is 90 s ahead and it acks some events
    long skewMs = 90_000;
    hub.setClockSkew(Duration.ofMillis(skewMs));
    for (int i = 0; i < 5; i++) {
      devices.publish("PB-" + i, new PanicEvent(PanicEvent.Action.PRESSED));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.uplink().eventsAcked() == 5);

    // then the next heartbeats carry the offset: never above it, below it by no more than a path delay
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.statuses().stream()
        .anyMatch(s -> s.health().clockOffsetMs() != 0));
    long reported = hub.statuses().stream().mapToLong(s -> s.health().clockOffsetMs()).filter(o -> o != 0).findFirst().orElseThrow();
    assertThat(reported).isBetween(skewMs - 2_000, skewMs);
    assertThat(gateway.health().clockOffsetMs()).isEqualTo(gateway.uplink().clockOffsetMs());
  }

  /**
   * Verifies that a reinstalled gateway loses nothing to the hub's progress of its campus's earlier outbox: acks
   * saying "committed up to 1,000,000" of another outbox leave this outbox's unsent events alone (they number from
   * 1 again), and every event still arrives; the acks' event ids still empty the outbox.
   */
  @Test
  void anotherOutboxesCommittedUpToDeletesNothingUnsent() throws Exception {
    String campus = campusId();
    BrokerLink shared = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    ScriptedHub hub = track(new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));
    hub.setStaleProgress(1_000_000, io.campusguard.devices.EventIds.next());
    // A small window and small batches, so most events are still unsent in the outbox when the first acks come.
    UplinkConfig uplink = new UplinkConfig(10, 5, 1, null, null, Duration.ZERO, null, null);
    CampusGateway gateway = startGateway(campus, shared, shared, uplink);
    awaitUp(gateway);
    DevicePublisher devices = track(new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));

    int readings = 200;
    for (int i = 0; i < readings; i++) {
      devices.publish("CS-" + (i % 3), CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, i / 10.0));
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> hub.distinct().size() >= readings);
    assertThat(hub.distinct()).hasSize(readings);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        gateway.outbox().laneStats().values().stream().mapToLong(GatewayHealth.LaneStats::depth).sum() == 0);
  }

  private CampusGateway startGateway(String campus, BrokerLink campusBroker, BrokerLink countyBroker, UplinkConfig uplink) throws Exception {
    GatewayConfig config = new GatewayConfig(
        campus, null, campusBroker, countyBroker, null,
        new OutboxSettings(dir.resolve(campus + ".db").toString(), null, null, null), uplink, null);
    CampusGateway gateway = CampusGateway.start(config, RulesHook.PASS_THROUGH, Clock.systemUTC(), loop, scheduler);
    closeLast.add(gateway);
    return gateway;
  }

  private static void awaitUp(CampusGateway gateway) {
    await().atMost(Duration.ofSeconds(20)).until(() ->
        gateway.campusConnector().state() == GatewayHealth.ConnectorState.UP
            && gateway.uplink().state() == GatewayHealth.ConnectorState.UP);
  }

  private <T extends AutoCloseable> T track(T closeable) {
    closeLast.add(closeable);
    return closeable;
  }

  private static String campusId() {
    return "T-" + Long.toHexString(System.nanoTime());
  }
}
