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
 * PostgreSQL, with a hub outage, a gateway killed with SIGKILL (LP-003, which also reads its canteen PLC over OPC
 * UA), a burst of panic alarms and malformed payloads.
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
    // CI's short run by default; a longer one with -Dcg.loadtest.multiple=10 -Dcg.loadtest.duration=5m -Dcg.loadtest.faults=…
    List<FaultSpec> faults = java.util.Arrays.stream(
            System.getProperty("cg.loadtest.faults", "malformed:LP-005@15s,panic-burst:LP-010@25s,hub-outage@40s+15s,gateway-kill:LP-003@75s+5s").split(","))
        .map(FaultSpec::parse).toList();
    LoadTest.Plan plan = new LoadTest.Plan(
        2025, 129, Double.parseDouble(System.getProperty("cg.loadtest.multiple", "1")),
        io.campusguard.runtime.config.DurationText.parse(System.getProperty("cg.loadtest.duration", "2m")), 20,
        faults,
        out, out.resolve("work-" + db), Duration.ofSeconds(3),
        io.campusguard.runtime.config.DurationText.parse(System.getProperty("cg.loadtest.drain", "3m")),
        new LoadTest.Services(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(),
            dbUrl, TestServices.pgUser(), TestServices.pgPassword(), null));

    LoadReport report = new LoadTest(plan, line -> System.out.println("[loadtest] " + line)).run();

    assertThat(report.counts().sent()).as("publishes acknowledged to devices").isGreaterThan(2_000);
    assertThat(report.alarmCommitLatencyMs().samples()).as("panic alarms measured").isGreaterThan(500);
    assertThat(report.counts().lost()).as("lost").isZero();
    assertThat(report.counts().stillInOutbox()).as("acknowledged events still in a gateway outbox after the drain").isZero();
    assertThat(report.counts().duplicates()).as("duplicates").isZero();
    assertThat(report.verdict().failures()).isEmpty();
    assertThat(report.faults()).hasSize(faults.size());
    assertThat(out.resolve("report.html")).exists();
  }
}
