package io.campusguard.simulators.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.simulators.bench.GatewayBenchmark;
import io.campusguard.testing.TestServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The issue-3 benchmark command on a tiny load: it completes and fills every figure. Correctness only; the
 * figures themselves are not judged here (2 shared cores, other builds running).
 */
@Timeout(300)
class BenchGatewayCommandTest {

  /** Verifies that one run measures raw broker, gateway, bridge, embedded broker and gateway on it, and outbox, and prints each figure. */
  @Test
  void runsAllThreeMeasurementsAndPrintsEveryFigure(@TempDir Path dir) {
    // given the command with a small run on its own brokers
    BenchGatewayCommand command = new BenchGatewayCommand();
    StringWriter printed = new StringWriter();
    CommandLine cli = new CommandLine(command).setOut(new PrintWriter(printed));

    // when it runs
    int exit = cli.execute("--mosquitto", TestServices.mosquittoBin(), "--messages", "2000", "--append-count", "100",
        "--mix", "canteen=90,camera=4,classroom=5,panic=1", "--work-dir", dir.toString());

    // then it succeeded and every message of every run arrived
    assertThat(exit).as(printed.toString()).isZero();
    GatewayBenchmark.Result r = command.result;
    assertThat(r.raw().messages()).isEqualTo(2_000);
    assertThat(r.raw().latencyMs().samples()).isEqualTo(2_000);
    assertThat(r.bridge().messages()).isEqualTo(2_000);
    assertThat(r.bridge().latencyMs().samples()).isEqualTo(2_000);
    assertThat(r.gateway().messages()).isEqualTo(2_000);
    assertThat(r.gateway().latencyMs().samples()).as("each device publish matched at the county side by its id").isEqualTo(2_000);
    // and the panic presses of the mix (1 in 100) were measured as P0
    assertThat(r.gateway().fullLoad().p0Messages()).isEqualTo(20);
    assertThat(r.gateway().p0LatencyMs().samples()).isEqualTo(20);
    assertThat(r.gateway().rejected()).isZero();
    // and the paced phase (default: a fifth of the messages) was measured too
    assertThat(r.gateway().paced().messages()).isEqualTo(400);
    assertThat(r.gateway().paced().latencyMs().samples()).isEqualTo(400);
    assertThat(r.gateway().paced().p0LatencyMs().samples()).isEqualTo(4);
    assertThat(r.gateway().paced().ratePerS()).isPositive().isFinite();
    // and the default deployment (the gateway's embedded campus broker) was measured the same way, beside its raw rate
    assertThat(r.embedded().raw().messages()).isEqualTo(2_000);
    assertThat(r.embedded().raw().latencyMs().samples()).isEqualTo(2_000);
    assertThat(r.embedded().gateway().messages()).isEqualTo(2_000);
    assertThat(r.embedded().gateway().latencyMs().samples()).as("each device publish to the embedded broker matched at the county side").isEqualTo(2_000);
    assertThat(r.embedded().gateway().p0LatencyMs().samples()).isEqualTo(20);
    assertThat(r.embedded().gateway().paced().latencyMs().samples()).isEqualTo(400);
    assertThat(r.embedded().gateway().rejected()).isZero();
    assertThat(r.embeddedToRaw()).isPositive().isFinite();
    assertThat(r.embeddedToBridge()).isPositive().isFinite();
    // and every rate is a real figure
    assertThat(r.raw().ratePerS()).isPositive().isFinite();
    assertThat(r.gateway().ratePerS()).isPositive().isFinite();
    assertThat(r.bridge().ratePerS()).isPositive().isFinite();
    assertThat(r.gatewayToBridge()).isPositive().isFinite();
    assertThat(r.gatewayToRaw()).isPositive().isFinite();
    assertThat(r.outbox().p0OneAtATime()).isPositive().isFinite();
    assertThat(r.outbox().p2OneAtATime()).isPositive().isFinite();
    assertThat(r.outbox().p0Burst()).isPositive().isFinite();
    assertThat(r.outbox().p2Burst()).isPositive().isFinite();
    assertThat(r.diskFsyncsPerS()).isPositive().isFinite();
    // the machine did work in each run (a CPU figure of zero would make the comparison meaningless)
    assertThat(r.cpu().raw().busyCoreSeconds()).isPositive();
    assertThat(r.cpu().gateway().busyCoreSeconds()).isPositive();
    assertThat(r.cpu().bridge().busyCoreSeconds()).isPositive();
    // and the report names each of them
    assertThat(printed.toString())
        .contains("(a) raw broker", "(b) gateway", "(c) bridge", "gateway / bridge = ", "gateway / raw    = ",
            "(d) raw embedded", "(e) gateway", "embedded gateway / bridge", "embedded gateway / raw embedded",
            "P0 latency, device publish → county-side receipt, at full load: p50 ",
            "P0 latency, device publish → county-side receipt, paced at ", "P0 with fsync", "P2 without", "fsyncs/s",
            "machine CPU per message", "cores deliver at most")
        .doesNotContain("NaN", "Infinity");
  }

  /** Verifies that a bad mix is refused with its reason before anything starts. */
  @Test
  void refusesABadMix(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BenchGatewayCommand()).setErr(new PrintWriter(err));
    int exit = cli.execute("--mosquitto", TestServices.mosquittoBin(), "--mix", "canteen=90,smoke=1", "--work-dir", dir.toString());
    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("mix: unknown kind 'smoke'");
  }
}
