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
import io.campusguard.gateway.support.DevicePublisher;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.gateway.uplink.UplinkConfig;
import io.campusguard.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * A gateway's outbox carried over a reinstall or an upgrade, as docs/en/backup-restore.md says: stop the gateway,
 * copy its outbox file to the new installation, start the new gateway on it. Nothing unsent may be lost, and what
 * it sends must be what the old installation would have sent (same ids, same sequence numbers, same outbox id).
 */
@Timeout(300)
class OutboxMoveTest {
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
   * Verifies that unsent P0 alarms and telemetry in an outbox copied to a new gateway installation all reach the
   * county side with their original ids and sequence numbers, under the same outbox id, and that the new gateway's
   * sequence goes on from the old one's instead of starting again at 1.
   */
  @Test
  void anOutboxCopiedToANewInstallationSendsEveryUnsentEventWithItsOriginalId() throws Exception {
    String campus = "T-M" + Long.toHexString(System.nanoTime());
    BrokerLink campusBroker = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    // the old installation cannot reach the county: nothing it stores is sent
    BrokerLink unreachableCounty = new BrokerLink("tcp://127.0.0.1:" + TestServices.freePort(), null, null, null, null,
        Duration.ofMillis(200), Duration.ofSeconds(1));
    Path oldInstall = dir.resolve("old/var/lib/campusguard");
    CampusGateway old = start(campus, campusBroker, unreachableCounty, oldInstall.resolve("outbox.db"));
    await().atMost(Duration.ofSeconds(60)).until(() -> old.campusConnector().state() == GatewayHealth.ConnectorState.UP);

    // given alarms and telemetry stored in its outbox and not sent
    DevicePublisher devices = track(new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));
    int presses = 3;
    int readings = 50;
    for (int i = 0; i < readings; i++) {
      devices.publish("CS-1", CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, i / 10.0));
      if (i % 20 == 0) {
        devices.publish("PB-" + i, new PanicEvent(PanicEvent.Action.PRESSED));
      }
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> old.outbox().laneStats().get(Priority.P0).depth() == presses
        && old.outbox().laneStats().get(Priority.P2).depth() == readings);
    String outboxId = old.outbox().outboxId();

    // when it is stopped and its outbox file (with any -wal/-shm beside it) copied to a new installation
    old.close();
    closeLast.remove(old);
    Path newInstall = dir.resolve("new/var/lib/campusguard");
    Files.createDirectories(newInstall);
    List<String> copied = new ArrayList<>();
    try (Stream<Path> files = Files.list(oldInstall)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("outbox.db")).toList()) {
        Files.copy(f, newInstall.resolve(f.getFileName()));
        copied.add(f.getFileName().toString());
      }
    }
    assertThat(copied).contains("outbox.db");
    Map<String, Long> unsent = unsentEvents(newInstall.resolve("outbox.db"));
    assertThat(unsent).hasSize(presses + readings);
    assertThat(storedOutboxId(newInstall.resolve("outbox.db"))).isEqualTo(outboxId);

    // and the new gateway starts on the copy, with the county reachable
    ScriptedHub hub = track(new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));
    CampusGateway moved = start(campus, campusBroker, campusBroker, newInstall.resolve("outbox.db"));

    // then every unsent event arrives with its original id and sequence number, from the same outbox
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.distinct().keySet().containsAll(unsent.keySet()));
    Map<String, EventEnvelope> received = hub.distinct();
    assertThat(received).hasSize(unsent.size());
    for (Map.Entry<String, Long> e : unsent.entrySet()) {
      assertThat(received.get(e.getKey()).seq()).as("seq of %s", e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(received.values()).filteredOn(e -> e.priority() == Priority.P0).hasSize(presses);
    assertThat(hub.badBatches()).isEmpty();
    assertThat(moved.outbox().outboxId()).isEqualTo(outboxId);
    await().atMost(Duration.ofSeconds(60)).until(() ->
        moved.outbox().laneStats().values().stream().mapToLong(GatewayHealth.LaneStats::depth).sum() == 0);

    // and its next event continues the old sequence
    long lastOld = unsent.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    devices.publish("PB-new", new PanicEvent(PanicEvent.Action.PRESSED));
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.distinct().size() == unsent.size() + 1);
    EventEnvelope next = hub.distinct().values().stream().filter(e -> e.device().equals("PB-new")).findFirst().orElseThrow();
    assertThat(next.seq()).isGreaterThan(lastOld);
  }

  /** Event id to sequence number of every event still in the outbox file, read without changing it. */
  private static Map<String, Long> unsentEvents(Path file) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = readOnly(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, seq FROM events")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  private static String storedOutboxId(Path file) throws Exception {
    try (Connection c = readOnly(file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT value FROM identity WHERE key = 'outbox_id'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static Connection readOnly(Path file) throws Exception {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  private CampusGateway start(String campus, BrokerLink campusBroker, BrokerLink countyBroker, Path outbox) throws Exception {
    GatewayConfig config = new GatewayConfig(campus, null, campusBroker, countyBroker, null,
        new OutboxSettings(outbox.toString(), null, null, null),
        new UplinkConfig(null, null, null, null, null, Duration.ZERO, null, null), null);
    return track(CampusGateway.start(config, RulesHook.PASS_THROUGH, Clock.systemUTC(), loop, scheduler));
  }

  private <T extends AutoCloseable> T track(T closeable) {
    closeLast.add(closeable);
    return closeable;
  }
}
