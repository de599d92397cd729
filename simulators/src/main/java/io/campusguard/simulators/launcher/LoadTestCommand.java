package io.campusguard.simulators.launcher;

import io.campusguard.simulators.loadtest.FaultSpec;
import io.campusguard.simulators.loadtest.LoadTest;
import io.campusguard.simulators.report.LoadReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadtest}: the simulated county at a multiple of its load, with faults, and a report. Exit 1 when it failed. */
@Command(name = "loadtest", mixinStandardHelpOptions = true, description = "Load-test the whole path with faults and write report.json and report.html.")
final class LoadTestCommand implements Callable<Integer> {
  @Option(names = "--broker", required = true, description = "MQTT broker for campus and county sides (the county side gets its own Mosquitto when a county-broker-restart is scheduled), tcp://host:port")
  String broker;

  @Option(names = "--broker-user", description = "MQTT user") String brokerUser;

  @Option(names = "--broker-password", description = "MQTT password") String brokerPassword;

  @Option(names = "--database-url", description = "PostgreSQL JDBC URL for the hub (a fresh database); without it the hub runs on its embedded"
      + " defaults (PostgreSQL and county broker in the work folder, restarted with the hub in a hub outage), as the demo does")
  String dbUrl;

  @Option(names = "--database-user", defaultValue = "postgres") String dbUser;

  @Option(names = "--database-password", defaultValue = "") String dbPassword;

  @Option(names = "--influx-url", description = "InfluxDB for time series (default: PostgreSQL)") String influxUrl;

  @Option(names = "--campuses", defaultValue = "129") int campuses;

  @Option(names = "--multiple", defaultValue = "1", description = "multiple of county load (default ${DEFAULT-VALUE})")
  double multiple;

  @Option(names = "--duration", defaultValue = "2m", description = "how long the load runs, e.g. 2m, 5m (default ${DEFAULT-VALUE})")
  String duration;

  @Option(names = "--panic-rate", defaultValue = "20", description = "panic presses per campus per hour (default ${DEFAULT-VALUE})")
  double panicRate;

  @Option(names = "--fault", description = "a fault, kind[:campus]@start[+length]; repeatable. Kinds: hub-outage, gateway-kill:C, panic-burst:C, "
      + "malformed:C, link-blackhole:C, county-broker-restart (runs its own county Mosquitto), opcua-restart:C (a campus with an OPC UA canteen); "
      + "e.g. hub-outage@30s+20s gateway-kill:LP-003@60s+5s")
  List<String> faults = List.of();

  @Option(names = "--latency-bound", defaultValue = "3s", description = "alarm latency allowed outside fault windows (default ${DEFAULT-VALUE})")
  String latencyBound;

  @Option(names = "--drain-limit", defaultValue = "5m", description = "after the load, how long to wait at most for the outboxes to empty (default ${DEFAULT-VALUE})")
  String drainLimit;

  @Option(names = "--out", defaultValue = "target/loadtest", description = "where report.json and report.html go")
  Path out;

  @Option(names = "--seed", defaultValue = "2025") long seed;

  @Override
  public Integer call() throws Exception {
    LoadTest.Plan plan = new LoadTest.Plan(
        seed, campuses, multiple, io.campusguard.runtime.config.DurationText.parse(duration), panicRate,
        faults.stream().map(FaultSpec::parse).toList(), out, out.resolve("work"),
        io.campusguard.runtime.config.DurationText.parse(latencyBound), io.campusguard.runtime.config.DurationText.parse(drainLimit),
        new LoadTest.Services(broker, brokerUser, brokerPassword, dbUrl, dbUser, dbPassword, influxUrl));
    LoadReport report = new LoadTest(plan, line -> System.out.println("[loadtest] " + line)).run();
    var c = report.counts();
    System.out.printf("[loadtest] sent %d, committed %d, still in an outbox %d, lost %d, duplicates %d, out of order %d; %.0f events/s (%.2f× the raw broker's %.0f msg/s)%n",
        c.sent(), c.committed(), c.stillInOutbox(), c.lost(), c.duplicates(), c.outOfOrder(), report.throughputPerS(), report.baseline().ratioToRawBroker(),
        report.baseline().rawBrokerRatePerS());
    System.out.printf("[loadtest] drain: %.0f s of at most %d s; %s%n", report.drain().seconds(), report.drain().limitS(), report.drain().endedBy());
    System.out.printf("[loadtest] the hub committed %d events of all kinds (%.0f/s); OPC UA canteen readings: %d promised, %d committed, %d lost, %d duplicates%n",
        c.hubCommittedAllKinds(), c.hubCommittedAllKinds() / report.durationS(), report.opcua().promised(), report.opcua().committed(),
        report.opcua().lost(), report.opcua().duplicates());
    System.out.printf("[loadtest] alarm latency to commit p50 %d / p95 %d / p99 %d / max %d ms (outside fault windows p50 %d / p99 %d / max %d ms); to the console p50 %d / p99 %d ms%n",
        report.alarmCommitLatencyMs().p50(), report.alarmCommitLatencyMs().p95(), report.alarmCommitLatencyMs().p99(), report.alarmCommitLatencyMs().max(),
        report.alarmCommitLatencyOutsideFaultsMs().p50(), report.alarmCommitLatencyOutsideFaultsMs().p99(), report.alarmCommitLatencyOutsideFaultsMs().max(),
        report.alarmSseLatencyMs().p50(), report.alarmSseLatencyMs().p99());
    System.out.println("[loadtest] report: " + out.resolve("report.html").toAbsolutePath() + (report.verdict().passed() ? " — PASSED" : " — FAILED: " + report.verdict().failures()));
    return report.verdict().passed() ? 0 : 1;
  }
}
