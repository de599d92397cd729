package io.campusguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.testing.TestServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as a real process killed with SIGKILL in the middle of a burst and started again: the gateway (played
 * here, keeping and resending what was not acked, as its outbox does) ends with every event stored exactly once,
 * and every panic alarm opened once.
 */
@Timeout(240)
class HubKillTest {
  private static final int BATCHES = 60;
  private static final int PER_BATCH = 100;

  @TempDir
  Path dir;

  /** Verifies that kill -9 mid-burst and a restart lose no event and duplicate none. */
  @Test
  void killMidBurstLosesNothing() throws Exception {
    String campus = "LP-951";
    List<UplinkBatch> batches = new ArrayList<>();
    long seq = 1;
    int panics = 0;
    for (int b = 0; b < BATCHES; b++) {
      List<EventEnvelope> events = new ArrayList<>();
      for (int i = 0; i < PER_BATCH; i++) {
        events.add(i == 0 ? TestEvents.panic(campus, campus + "-PB-" + b, seq++) : TestEvents.reading(campus, campus + "-CS-1", seq++, 3));
      }
      panics++;
      batches.add(TestEvents.batch(campus, events));
    }
    try (TestDatabase db = new TestDatabase(); ScriptedGateway gw = new ScriptedGateway(campus)) {
      Path config = dir.resolve("hub.yaml");
      Files.writeString(config, String.join("\n",
          "database:",
          "  url: " + db.config().jdbcUrl(),
          "  user: " + db.config().user(),
          "  password: '" + db.config().password() + "'",
          "mqtt:",
          "  url: " + TestServices.mqttUrl(),
          "  user: " + TestServices.mqttUser(),
          "  password: '" + TestServices.mqttPassword() + "'",
          "  sharedGroup: k" + UUID.randomUUID().toString().substring(0, 8),
          "http:",
          "  port: 0",
          ""));

      Process first = startHub(config);
      try {
        // send until about a third is acked, then kill
        for (UplinkBatch batch : batches) {
          gw.send(batch);
          if (acked(gw).size() >= BATCHES * PER_BATCH / 3) {
            break;
          }
        }
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } finally {
        first.destroyForcibly();
      }
      int ackedAtKill = acked(gw).size();

      Process second = startHub(config);
      try {
        // the gateway resends whatever has no ack yet, as its outbox would, until everything is acked
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
          Set<String> done = acked(gw);
          for (UplinkBatch batch : batches) {
            if (!batch.events().stream().allMatch(e -> done.contains(e.id()))) {
              gw.send(batch);
            }
          }
          return done.size() == BATCHES * PER_BATCH;
        });
        // the kill fell mid-burst: some, not all, were acked by the first hub
        assertThat(ackedAtKill).isPositive().isLessThan(BATCHES * PER_BATCH);
        System.out.println("HubKillTest: acked before the kill " + ackedAtKill + " of " + BATCHES * PER_BATCH);
        assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = '" + campus + "'")).isEqualTo(BATCHES * PER_BATCH);
        assertThat(db.count("SELECT count(DISTINCT seq) FROM events WHERE campus_id = '" + campus + "'")).isEqualTo(BATCHES * PER_BATCH);
        assertThat(db.count("SELECT committed_up_to FROM campus_progress WHERE campus_id = '" + campus + "'")).isEqualTo(BATCHES * PER_BATCH);
        // alarms left pending by the killed hub are applied by the sweep of the new one
        int expected = panics;
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
          assertThat(db.count("SELECT count(*) FROM events WHERE alarm_pending")).isZero();
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = '" + campus + "' AND type = 'panic'")).isEqualTo(expected);
        });
        assertThat(db.count("SELECT count(*) FROM alarms WHERE occurrences <> 1")).isZero();
      } finally {
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static Set<String> acked(ScriptedGateway gw) {
    Set<String> ids = new HashSet<>();
    for (CommitAck ack : gw.acks()) {
      ids.addAll(ack.eventIds());
    }
    return ids;
  }

  /** Starts HubMain in its own JVM and waits until it is subscribed on the broker. */
  private static Process startHub(Path config) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "io.campusguard.hub.HubMain", "--config", config.toString())
        .redirectErrorStream(true)
        .start();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.contains("county broker") && line.contains("connected")) {
            ready.countDown();
          }
        }
      } catch (Exception e) {
        // the process was killed
      }
    }, "hub-output");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("hub process did not connect within 60 s");
    }
    return p;
  }
}
