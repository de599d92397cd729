package io.campusguard.simulators.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.simulators.report.LoadReport;
import io.campusguard.testing.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CI load test (issue 7): the whole county at county load for two minutes on the real Mosquitto and
 * PostgreSQL, with a hub outage, a gateway killed with SIGKILL, a burst of panic alarms and malformed payloads.
 * Fails when anything acknowledged to a device is lost or duplicated, or an alarm outside the fault windows
 * took longer than its bound. The report lands in {@code target/loadtest/}.
 */
@Timeout(900)
class CountyLoadTest {

  /** Verifies nothing is lost or duplicated through faults, and alarms stay fast outside them. */
  @Test
  void twoMinutesWithFaultsLosesNothing() throws Exception {
    String db = "loadtest_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    String base = TestServices.pgUrl();
    String dbUrl = base.substring(0, base.lastIndexOf('/') + 1) + db;
    Path out = Path.of("target", "loadtest");
    LoadTest.Plan plan = new LoadTest.Plan(
        2025, 129, 1.0, Duration.ofMinutes(2), 20,
        List.of(
            FaultSpec.parse("malformed:LP-005@15s"),
            FaultSpec.parse("panic-burst:LP-010@25s"),
            FaultSpec.parse("hub-outage@40s+15s"),
            FaultSpec.parse("gateway-kill:LP-003@75s+5s")),
        out, out.resolve("work-" + db), Duration.ofSeconds(3), Duration.ofMinutes(3),
        new LoadTest.Services(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(),
            dbUrl, TestServices.pgUser(), TestServices.pgPassword(), null));

    LoadReport report = new LoadTest(plan, line -> System.out.println("[loadtest] " + line)).run();

    assertThat(report.counts().sent()).as("publishes acknowledged to devices").isGreaterThan(2_000);
    assertThat(report.alarmCommitLatencyMs().samples()).as("panic alarms measured").isGreaterThan(500);
    assertThat(report.counts().lost()).as("lost").isZero();
    assertThat(report.counts().duplicates()).as("duplicates").isZero();
    assertThat(report.verdict().failures()).isEmpty();
    assertThat(report.faults()).hasSize(4);
    assertThat(out.resolve("report.html")).exists();
  }
}
