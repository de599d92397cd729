package io.campusguard.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.runtime.net.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a county runs it, from the packaged distribution: {@code campusguard demo}, stopped
 * with SIGTERM and started again on the same data folder. Each time, telemetry flows through the embedded county
 * broker (it stalled there from the first minute: HiveMQ CE stops feeding a shared subscription under load), and after
 * the restart every campus's link, lost as the first run stopped (the gateways' last words), is up again with no
 * link-lost alarm left open.
 */
@Timeout(600)
class DemoRestartTest {
  /** 20 campuses at 5× their load: where the stall showed within a minute. */
  private static final String[] LOAD = {"--campuses", "20", "--speed", "5"};
  private static final Pattern DATABASE = Pattern.compile("embedded PostgreSQL on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern NEW_EVENTS = Pattern.compile("(?m)^cg_ingest_events_total\\{result=\"new\"} ([0-9.E]+)");

  @TempDir
  Path dir;

  /** Verifies telemetry flows and links come back after a SIGTERM and a start on the same data, each stop within 30 s. */
  @Test
  void telemetryFlowsAndLinksComeBackAfterARestart() throws Exception {
    Path data = dir.resolve("demo");
    int port = FreePorts.pick();
    int brokerPort = FreePorts.pick();
    String[] args = {"demo", "--port", Integer.toString(port), "--broker-port", Integer.toString(brokerPort), "--data", data.toString(),
        LOAD[0], LOAD[1], LOAD[2], LOAD[3]};

    try (LauncherProcess first = LauncherProcess.start("demo", dir.resolve("first.log"), Map.of(), args)) {
      awaitTelemetry(first, port);
      assertThat(first.terminate(Duration.ofSeconds(30))).as("the demo stops on SIGTERM within 30 s").isTrue();
      assertThat(first.output()).contains("link LOST");
    }

    try (LauncherProcess second = LauncherProcess.start("demo again", dir.resolve("second.log"), Map.of(), args)) {
      awaitTelemetry(second, port);
      Matcher db = DATABASE.matcher(second.output());
      assertThat(db.find()).isTrue();
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.group(1) + "/postgres", "postgres", "")) {
        // control: the first run's stop did lose the links (its gateways' last words reached the hub)
        assertThat(count(c, "SELECT count(*) FROM alarms WHERE type = 'link_lost'")).isPositive();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          assertThat(count(c, "SELECT count(*) FROM campuses WHERE link_state <> 'up'")).as("campuses whose link is not up").isZero();
          assertThat(count(c, "SELECT count(*) FROM alarms WHERE type = 'link_lost' AND state <> 'resolved'")).as("open link-lost alarms").isZero();
        });
      }
      assertThat(second.terminate(Duration.ofSeconds(30))).as("the demo stops on SIGTERM within 30 s").isTrue();
    }
  }

  /** Waits for the banner, then for a thousand new events committed: telemetry, not only the alarms' own channel. */
  private static void awaitTelemetry(LauncherProcess demo, int port) {
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(demo.isAlive()).as("the demo runs:\n" + demo.output()).isTrue();
      assertThat(demo.output()).contains("Ctrl-C stops everything");
    });
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(newEvents(port)).as("new events committed by the hub").isGreaterThanOrEqualTo(1_000));
  }

  private static double newEvents(int port) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = NEW_EVENTS.matcher(r.body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
