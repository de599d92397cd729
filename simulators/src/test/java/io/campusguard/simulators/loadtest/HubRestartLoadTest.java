package io.campusguard.simulators.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.embedded.EmbeddedDatabase;
import io.campusguard.simulators.report.FaultWindow;
import io.campusguard.simulators.report.LoadReport;
import io.campusguard.testing.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hub restarted twice under county load on the same data, as a county restarts it after an upgrade: after each
 * restart, within 30 s, telemetry is committed as it is offered, every campus's link is up again, no link-lost
 * alarm stays open, and nothing is lost or duplicated. Once on the hub's embedded defaults (its PostgreSQL and
 * county broker stop and start with it, as in the demo), once on the test command's Mosquitto and PostgreSQL.
 */
@Timeout(600)
class HubRestartLoadTest {
  private static final int RUN_S = 105;
  /**
   * The embedded run's county: 20 campuses at 5× their load, where the demo's telemetry stalled on the embedded
   * broker's shared subscription within its first minute (3 campuses did not show it).
   */
  private static final int EMBEDDED_CAMPUSES = 20;
  private static final int CAMPUSES = 3;
  /** How soon after a restart everything must be as it was. */
  private static final Duration BACK_WITHIN = Duration.ofSeconds(30);

  /** Verifies two restarts of a hub on its embedded PostgreSQL and county broker leave the county as it was. */
  @Test
  void embeddedHubRestartedTwiceComesBackAsItWas() throws Exception {
    Path out = Path.of("target", "loadtest-restart-embedded");
    Path work = out.resolve("work-" + UUID.randomUUID());
    LoadReport report = run(out, work, EMBEDDED_CAMPUSES,
        new LoadTest.Services(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), null, null, null, null));
    // The embedded database is stopped with the hub at the end of the run: open it again on the same folder to look.
    try (EmbeddedDatabase db = EmbeddedDatabase.start(work.resolve("hub").resolve("postgres"))) {
      assertCameBack(report, EMBEDDED_CAMPUSES, db.config().jdbcUrl(), db.config().user(), db.config().password());
    }
  }

  /** Verifies two restarts of a hub on the test command's Mosquitto and PostgreSQL leave the county as it was. */
  @Test
  void hubOnMosquittoAndPostgresRestartedTwiceComesBackAsItWas() throws Exception {
    String name = "restart_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    String base = TestServices.pgUrl();
    String dbUrl = base.substring(0, base.lastIndexOf('/') + 1) + name;
    Path out = Path.of("target", "loadtest-restart-external");
    LoadReport report = run(out, out.resolve("work-" + name), CAMPUSES, new LoadTest.Services(TestServices.mqttUrl(), TestServices.mqttUser(),
        TestServices.mqttPassword(), dbUrl, TestServices.pgUser(), TestServices.pgPassword(), null));
    assertCameBack(report, CAMPUSES, dbUrl, TestServices.pgUser(), TestServices.pgPassword());
  }

  private static LoadReport run(Path out, Path work, int campuses, LoadTest.Services services) throws Exception {
    List<FaultSpec> restarts = List.of(FaultSpec.parse("hub-outage@10s+1s"), FaultSpec.parse("hub-outage@55s+1s"));
    LoadTest.Plan plan = new LoadTest.Plan(2025, campuses, 5, Duration.ofSeconds(RUN_S), 600, restarts, out, work, Duration.ofSeconds(3),
        Duration.ofMinutes(2), services);
    LoadReport report = new LoadTest(plan, line -> System.out.println("[restart] " + line)).run();
    assertThat(report.counts().sent()).as("publishes acknowledged to devices").isGreaterThan(200);
    assertThat(report.counts().lost()).as("lost").isZero();
    assertThat(report.counts().duplicates()).as("duplicates").isZero();
    assertThat(report.verdict().failures()).isEmpty();
    assertThat(report.faults()).extracting(FaultWindow::kind).containsExactly("hub-outage", "hub-outage");
    return report;
  }

  private static void assertCameBack(LoadReport report, int campuses, String url, String user, String password) throws Exception {
    Instant start = Instant.parse(report.startedAt());
    List<FaultWindow> restarts = report.faults();
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      for (int i = 0; i < restarts.size(); i++) {
        FaultWindow restart = restarts.get(i);
        Instant back = start.plusMillis((long) (restart.endS() * 1000));
        Instant by = back.plus(BACK_WITHIN);
        // the run goes on long enough after each restart to see it
        assertThat(i + 1 < restarts.size() ? restarts.get(i + 1).startS() : RUN_S).isGreaterThan(restart.endS() + BACK_WITHIN.toSeconds());
        for (int k = 1; k <= campuses; k++) {
          String campus = String.format("LP-%03d", k);
          // Telemetry offered in the ten seconds before the bound is committed as it comes, not held back: (nearly)
          // every such reading is in the log within 5 s of being sent. Nearly: a camera state the gateway debounces
          // and a PLC value read later keep their source times, and arrive later by design.
          Instant from = by.minusSeconds(10);
          long offered = count(c, "campus_id = ? AND kind NOT IN ('alarm', 'gateway') AND source_ts BETWEEN ? AND ?", campus, from, by);
          long live = count(c, "campus_id = ? AND kind NOT IN ('alarm', 'gateway') AND source_ts BETWEEN ? AND ? AND hub_ts < source_ts + interval '5 seconds'",
              campus, from, by);
          System.out.printf("HubRestartLoadTest: %s, 20-30 s after restart %d: %d of %d readings committed within 5 s%n", campus, i + 1, live, offered);
          assertThat(offered).as(campus + " telemetry offered 20–30 s after restart " + (i + 1)).isPositive();
          assertThat((double) live / offered).as(campus + " share of telemetry committed live 20–30 s after restart " + (i + 1)).isGreaterThanOrEqualTo(0.95);
        }
        // no link-lost alarm is open at the bound (the run's end stops the gateways, whose last words lose the links)
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM alarms WHERE type = 'link_lost' AND opened_at <= ?"
            + " AND (resolved_at IS NULL OR resolved_at > ?)")) {
          st.setObject(1, OffsetDateTime.ofInstant(by, ZoneOffset.UTC));
          st.setObject(2, OffsetDateTime.ofInstant(by, ZoneOffset.UTC));
          try (ResultSet rs = st.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).as("link-lost alarms open " + BACK_WITHIN.toSeconds() + " s after restart " + (i + 1)).isZero();
          }
        }
        // every campus's link is up again within the bound (the report's link strips, sampled each second)
        for (LoadReport.LinkStrip strip : report.charts().links()) {
          assertThat(strip.changes().stream().filter(ch -> ch.atS() >= restart.startS() && ch.atS() <= restart.endS() + BACK_WITHIN.toSeconds())
              .reduce((a, b) -> b).map(LoadReport.LinkChange::state).orElse(stateBefore(strip, restart.startS())))
              .as(strip.campus() + " link " + BACK_WITHIN.toSeconds() + " s after restart " + (i + 1)).isEqualTo("up");
        }
      }
    }
  }

  private static String stateBefore(LoadReport.LinkStrip strip, double atS) {
    return strip.changes().stream().filter(ch -> ch.atS() < atS).reduce((a, b) -> b).map(LoadReport.LinkChange::state).orElse("unknown");
  }

  private static long count(Connection c, String where, Object... args) throws Exception {
    try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM events WHERE " + where)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i] instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : args[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
