package io.campusguard.simulators.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The network and equipment faults at small scale, on the real Mosquitto and PostgreSQL: three campuses (two
 * with OPC UA canteens) through a county broker restart, a link blackhole of one campus and an OPC UA server
 * restart at another, each on the schedule, each in the report with its times, and nothing lost or duplicated.
 */
@Timeout(600)
class CountyFaultsLoadTest {
  private static final int RUN_S = 65;

  /** Verifies a county broker restart, a link blackhole and a PLC restart lose and duplicate nothing, and each did strike. */
  @Test
  void networkAndPlcFaultsLoseNothing() throws Exception {
    String db = "faults_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    String base = TestServices.pgUrl();
    String dbUrl = base.substring(0, base.lastIndexOf('/') + 1) + db;
    Path out = Path.of("target", "loadtest-faults");
    List<FaultSpec> faults = List.of(
        FaultSpec.parse("county-broker-restart@10s+4s"), FaultSpec.parse("link-blackhole:LP-003@22s+12s"), FaultSpec.parse("opcua-restart:LP-001@38s+4s"));
    LoadTest.Plan plan = new LoadTest.Plan(
        2025, 3, 5, Duration.ofSeconds(RUN_S), 600, faults, out, out.resolve("work-" + db), Duration.ofSeconds(3), Duration.ofMinutes(2),
        new LoadTest.Services(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), dbUrl, TestServices.pgUser(),
            TestServices.pgPassword(), null));

    LoadReport report = new LoadTest(plan, line -> System.out.println("[faults] " + line)).run();

    assertThat(report.counts().sent()).as("publishes acknowledged to devices").isGreaterThan(200);
    assertThat(report.counts().lost()).as("lost").isZero();
    assertThat(report.counts().duplicates()).as("duplicates").isZero();
    assertThat(report.opcua().promised()).as("OPC UA readings the gateways had to deliver").isPositive();
    assertThat(report.opcua().lost()).as("OPC UA lost").isZero();
    assertThat(report.opcua().duplicates()).as("OPC UA duplicates").isZero();
    assertThat(report.verdict().failures()).isEmpty();
    assertThat(report.faults()).extracting(FaultWindow::kind)
        .containsExactlyInAnyOrder("county-broker-restart", "link-blackhole", "opcua-restart");
    assertThat(report.faults()).allSatisfy(f -> assertThat(f.endS() - f.startS()).as(f.kind()).isGreaterThanOrEqualTo(4));

    Instant start = Instant.parse(report.startedAt());
    FaultWindow blackhole = window(report, "link-blackhole");
    // The blackhole did hold LP-003's link: what its devices sent inside it reached the hub only after it ended.
    Instant inFrom = start.plusMillis((long) (blackhole.startS() * 1000) + 1_000);
    Instant inTo = start.plusMillis((long) (blackhole.endS() * 1000) - 1_000);
    Instant ended = start.plusMillis((long) (blackhole.endS() * 1000) - 500);
    assertThat(count(dbUrl, "campus_id = 'LP-003' AND kind <> 'gateway' AND source_ts BETWEEN ? AND ?", inFrom, inTo)).as("LP-003 events inside the blackhole").isPositive();
    assertThat(count(dbUrl, "campus_id = 'LP-003' AND kind <> 'gateway' AND source_ts BETWEEN ? AND ? AND hub_ts < ?", inFrom, inTo, ended))
        .as("LP-003 events committed while its link was blackholed").isZero();
    // Control: another campus's link was not held.
    assertThat(count(dbUrl, "campus_id = 'LP-002' AND kind <> 'gateway' AND source_ts BETWEEN ? AND ? AND hub_ts < ?", inFrom, inTo, ended)).isPositive();
    // The restarted PLC was read again: LP-001's OPC UA readings set after its restart reached the hub.
    Instant plcBack = start.plusMillis((long) (window(report, "opcua-restart").endS() * 1000));
    assertThat(count(dbUrl, "campus_id = 'LP-001' AND kind = 'canteen' AND device_id NOT LIKE '%-DOOR-%' AND source_ts > ? AND source_ts < ?", plcBack,
        start.plusSeconds(RUN_S))).as("LP-001 PLC readings after its restart").isPositive();
  }

  private static FaultWindow window(LoadReport report, String kind) {
    return report.faults().stream().filter(f -> f.kind().equals(kind)).findFirst().orElseThrow();
  }

  private static long count(String dbUrl, String where, Instant... times) throws Exception {
    try (Connection c = DriverManager.getConnection(dbUrl, TestServices.pgUser(), TestServices.pgPassword());
        PreparedStatement st = c.prepareStatement("SELECT count(*) FROM events WHERE " + where)) {
      for (int i = 0; i < times.length; i++) {
        st.setObject(i + 1, OffsetDateTime.ofInstant(times[i], ZoneOffset.UTC));
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
