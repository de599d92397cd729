package io.campusguard.simulators.bench;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.simulators.loadtest.MosquittoProcess;
import io.campusguard.simulators.report.LatencyStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The issue-3 benchmark, in one run on one machine: the same messages (count, kinds and payload size) through
 *
 * <ol type="a">
 *   <li>a raw Paho publisher → Mosquitto → Paho subscriber ({@link RawBrokerBaseline}), the ceiling;
 *   <li>a real {@link io.campusguard.gateway.app.CampusGateway} on that Mosquitto, device publish to a county
 *       side that acks ({@link GatewayThroughput});
 *   <li>a Mosquitto bridge from a campus broker to a county broker ({@link MosquittoBridgeBaseline}), the
 *       simplest thing a county could run instead of a gateway, which validates, stores and acks nothing;
 *   <li>the gateway as it is deployed by default, with its own embedded HiveMQ campus broker (devices publish to
 *       it, its interceptor ingests and holds each PUBACK until the outbox has the event), next to the raw rate of
 *       that same embedded broker ({@link GatewayThroughput#measureEmbedded});
 * </ol>
 *
 * plus the outbox's append rates, P0 with fsync against P2 without ({@link OutboxAppendRates}), next to the
 * disk's own fsync rate ({@link DiskFsyncBaseline}) in the same folder. Goals (the headline, runs a–c):
 * gateway/bridge ≥ 1, gateway/raw ≥ 0.5; the embedded runs are held to the same two goals against their own broker.
 */
public final class GatewayBenchmark {
  public static final int DEFAULT_MESSAGES = 50_000;
  public static final int DEFAULT_APPEND_COUNT = 1_000;
  /** Twice the whole county's normal load (~500 msg/s), on one gateway: far above a campus's few a second. */
  public static final double DEFAULT_PACED_RATE_PER_S = 1_000;
  public static final double GOAL_VS_BRIDGE = 1.0;
  public static final double GOAL_VS_RAW = 0.5;

  private GatewayBenchmark() {}

  /**
   * @param mosquitto Debian's mosquitto binary; the benchmark starts (and stops) its own brokers
   * @param workDir brokers' data and the outbox files; the fsync figures are for its disk
   * @param messages messages of each of the three runs
   * @param mix kinds and weights, as {@code canteen=90,camera=4,classroom=5,panic=1}
   * @param appendCount outbox appends one at a time per lane (bursts are ten times as many)
   * @param pacedRatePerS the devices' rate in the gateway's paced phase, for the latency of a gateway that keeps up
   * @param pacedMessages messages of the paced phase
   */
  public record Settings(Path mosquitto, Path workDir, int messages, String mix, int appendCount, double pacedRatePerS, int pacedMessages) {
    public Settings {
      if (!(pacedRatePerS > 0)) {
        throw new IllegalArgumentException("pacedRate: must be positive");
      }
      if (pacedMessages < 1) {
        throw new IllegalArgumentException("pacedMessages: must be at least 1");
      }
      if (!Files.isExecutable(mosquitto)) {
        throw new IllegalArgumentException("mosquitto: " + mosquitto + " is not an executable (apt-get install mosquitto)");
      }
      if (messages < 1) {
        throw new IllegalArgumentException("messages: must be at least 1");
      }
      if (appendCount < 1) {
        throw new IllegalArgumentException("appendCount: must be at least 1");
      }
      DeviceMix.parse(mix);
    }
  }

  /** The whole machine's CPU over the raw, gateway (full load) and bridge runs. */
  public record CpuPerMessage(MachineCpu.Use raw, MachineCpu.Use gateway, MachineCpu.Use bridge) {}

  /** Every figure of one run. */
  public record Result(
      int messages,
      String mix,
      int payloadBytes,
      RawBrokerBaseline.Result raw,
      GatewayThroughput.Result gateway,
      RawBrokerBaseline.Result bridge,
      GatewayThroughput.Embedded embedded,
      OutboxAppendRates.Result outbox,
      int fsyncCount,
      double diskFsyncsPerS,
      CpuPerMessage cpu) {

    public double gatewayToBridge() {
      return gateway.ratePerS() / bridge.ratePerS();
    }

    public double gatewayToRaw() {
      return gateway.ratePerS() / raw.ratePerS();
    }

    /** The default deployment (embedded campus broker) against the Mosquitto bridge. */
    public double embeddedToBridge() {
      return embedded.gateway().ratePerS() / bridge.ratePerS();
    }

    /** The default deployment against the raw rate of its own embedded broker. */
    public double embeddedToRaw() {
      return embedded.gatewayToRaw();
    }
  }

  /** Runs the three measurements and the outbox rates; {@code progress} hears what is being measured. */
  public static Result run(Settings s, Consumer<String> progress) throws Exception {
    DeviceMix mix = DeviceMix.parse(s.mix());
    Files.createDirectories(s.workDir());
    int payloadBytes = meanPayloadBytes(mix);
    // Warm the JIT on the gateway path with a tenth of the run (at most 5,000), left out of every figure.
    int warmup = Math.min(5_000, Math.max(100, s.messages() / 10));
    RawBrokerBaseline.Result raw;
    MachineCpu.Use rawCpu;
    GatewayThroughput.Result gateway;
    GatewayThroughput.Embedded embedded;
    try (MosquittoProcess broker = MosquittoProcess.start(s.mosquitto(), s.workDir().resolve("broker"))) {
      progress.accept("(a) raw broker: " + s.messages() + " messages of " + payloadBytes + " B, Paho → Mosquitto → Paho");
      MachineCpu.Measured<RawBrokerBaseline.Result> rawRun =
          MachineCpu.during(() -> RawBrokerBaseline.measure(broker.url(), null, null, s.messages(), payloadBytes));
      raw = rawRun.value();
      rawCpu = rawRun.cpu();
      progress.accept("(b) gateway: " + warmup + " warm-up + " + s.messages() + " device messages at full load + " + s.pacedMessages()
          + " paced at " + Math.round(s.pacedRatePerS()) + "/s → gateway → county side");
      gateway = GatewayThroughput.measure(broker.url(), Files.createDirectories(s.workDir().resolve("gateway")), s.messages(), warmup, mix,
          s.pacedMessages(), s.pacedRatePerS());
      progress.accept("(d) raw embedded broker: " + warmup + " warm-up + " + s.messages() + " messages, Paho → gateway's embedded HiveMQ → Paho; "
          + "(e) gateway on it: " + warmup + " warm-up + " + s.messages() + " + " + s.pacedMessages() + " paced → county side");
      embedded = GatewayThroughput.measureEmbedded(broker.url(), Files.createDirectories(s.workDir().resolve("gateway-embedded")),
          s.messages(), warmup, mix, s.pacedMessages(), s.pacedRatePerS(), payloadBytes);
    }
    progress.accept("(c) Mosquitto bridge: " + s.messages() + " messages, campus broker → county broker");
    Path bridgeDir = Files.createDirectories(s.workDir().resolve("bridge"));
    MachineCpu.Measured<RawBrokerBaseline.Result> bridgeRun =
        MachineCpu.during(() -> MosquittoBridgeBaseline.measure(s.mosquitto(), bridgeDir, s.messages(), payloadBytes));
    RawBrokerBaseline.Result bridge = bridgeRun.value();
    progress.accept("outbox appends: " + s.appendCount() + " one at a time and " + s.appendCount() * 10 + " in a burst, per lane");
    OutboxAppendRates.Result outbox = OutboxAppendRates.measure(Files.createDirectories(s.workDir().resolve("outbox-rates")), s.appendCount());
    double fsyncs = DiskFsyncBaseline.fsyncsPerSecond(s.workDir(), s.appendCount());
    return new Result(s.messages(), mix.describe(), payloadBytes, raw, gateway, bridge, embedded, outbox, s.appendCount(), fsyncs,
        new CpuPerMessage(rawCpu, gateway.fullLoadCpu(), bridgeRun.cpu()));
  }

  /** The report printed by {@code campusguard bench-gateway}. */
  public static String format(Result r) {
    StringBuilder out = new StringBuilder();
    line(out, "CampusGuard gateway benchmark: %,d messages per run, mix %s, mean payload %d B, QoS 1", r.messages(), r.mix(), r.payloadBytes());
    line(out, "%-52s %12s %8s %8s %8s", "", "msg/s", "p50 ms", "p99 ms", "max ms");
    row(out, "(a) raw broker   Paho → Mosquitto → Paho", r.raw().ratePerS(), r.raw().latencyMs());
    row(out, "(b) gateway      device → gateway → county (acked)", r.gateway().ratePerS(), r.gateway().latencyMs());
    row(out, "(c) bridge       Mosquitto → bridge → Mosquitto", r.bridge().ratePerS(), r.bridge().latencyMs());
    line(out, "gateway / bridge = %.2f (goal ≥ %.1f: %s)", r.gatewayToBridge(), GOAL_VS_BRIDGE, met(r.gatewayToBridge() >= GOAL_VS_BRIDGE));
    line(out, "gateway / raw    = %.2f (goal ≥ %.1f: %s)", r.gatewayToRaw(), GOAL_VS_RAW, met(r.gatewayToRaw() >= GOAL_VS_RAW));
    line(out, "default deployment, the gateway's own embedded campus broker (HiveMQ CE, interceptor holds each PUBACK until stored):");
    row(out, "(d) raw embedded Paho → gateway's HiveMQ → Paho", r.embedded().raw().ratePerS(), r.embedded().raw().latencyMs());
    row(out, "(e) gateway      device → embedded HiveMQ → county", r.embedded().gateway().ratePerS(), r.embedded().gateway().latencyMs());
    line(out, "embedded gateway / bridge       = %.2f (goal ≥ %.1f: %s)", r.embeddedToBridge(), GOAL_VS_BRIDGE,
        met(r.embeddedToBridge() >= GOAL_VS_BRIDGE));
    line(out, "embedded gateway / raw embedded = %.2f (goal ≥ %.1f: %s)", r.embeddedToRaw(), GOAL_VS_RAW, met(r.embeddedToRaw() >= GOAL_VS_RAW));
    LatencyStats.Latency p0 = r.gateway().p0LatencyMs();
    line(out, "P0 latency, device publish → county-side receipt, at full load: p50 %d ms, p99 %d ms, max %d ms (%,d panic presses among the telemetry; includes the queue before the gateway)",
        p0.p50(), p0.p99(), p0.max(), p0.samples());
    GatewayThroughput.Phase paced = r.gateway().paced();
    LatencyStats.Latency pp0 = paced.p0LatencyMs();
    line(out, "P0 latency, device publish → county-side receipt, paced at %,.0f msg/s: p50 %d ms, p99 %d ms, max %d ms (%,d panic presses; all events p50 %d, p99 %d ms; %,.0f msg/s delivered)",
        paced.offeredRatePerS(), pp0.p50(), pp0.p99(), pp0.max(), pp0.samples(), paced.latencyMs().p50(), paced.latencyMs().p99(), paced.ratePerS());
    line(out, "gateway: %,d events resent and received again, %,d events of its own rules, %,d refused, %,d outbox copies collapsed",
        r.gateway().copiesReceived(), r.gateway().gatewayMadeEvents(), r.gateway().rejected(), r.gateway().duplicatesCollapsed());
    GatewayThroughput.Result e = r.embedded().gateway();
    line(out, "embedded gateway P0 latency: at full load p50 %d ms, p99 %d ms; paced at %,.0f msg/s p50 %d ms, p99 %d ms (%,d presses)",
        e.p0LatencyMs().p50(), e.p0LatencyMs().p99(), e.paced().offeredRatePerS(), e.paced().p0LatencyMs().p50(), e.paced().p0LatencyMs().p99(),
        e.paced().p0LatencyMs().samples());
    line(out, "embedded gateway: %,d events resent and received again, %,d events of its own rules, %,d refused, %,d outbox copies collapsed",
        e.copiesReceived(), e.gatewayMadeEvents(), e.rejected(), e.duplicatesCollapsed());
    CpuPerMessage c = r.cpu();
    int cores = Runtime.getRuntime().availableProcessors();
    double gatewayUs = c.gateway().microsPerMessage(r.gateway().messages());
    line(out, "machine CPU per message (all processes, /proc/stat): raw %.0f µs (%.1f of %d cores busy), gateway %.0f µs (%.1f busy), bridge %.0f µs (%.1f busy)",
        c.raw().microsPerMessage(r.raw().messages()), c.raw().coresBusy(), cores, gatewayUs, c.gateway().coresBusy(),
        c.bridge().microsPerMessage(r.bridge().messages()), c.bridge().coresBusy());
    line(out, "  at the gateway run's CPU per message, %d cores deliver at most %,.0f msg/s; the bridge's CPU per message over the gateway's = %.2f",
        cores, cores * 1e6 / gatewayUs, c.bridge().microsPerMessage(r.bridge().messages()) / gatewayUs);
    OutboxAppendRates.Result o = r.outbox();
    line(out, "outbox appends/s, one at a time (%,d): P0 with fsync %,.0f, P2 without %,.0f", o.oneAtATimeCount(), o.p0OneAtATime(), o.p2OneAtATime());
    line(out, "outbox appends/s, burst (%,d, group commit): P0 with fsync %,.0f, P2 without %,.0f", o.burstCount(), o.p0Burst(), o.p2Burst());
    line(out, "disk: %,.0f fsyncs/s (%,d appends of 256 B each followed by fsync, same folder)", r.diskFsyncsPerS(), r.fsyncCount());
    return out.toString();
  }

  private static int meanPayloadBytes(DeviceMix mix) {
    EventCodec codec = EventCodec.withDefaults();
    List<EventKind> cycle = mix.cycle();
    long total = 0;
    int n = Math.max(1_000, cycle.size());
    Instant ts = Instant.now();
    for (int i = 0; i < n; i++) {
      total += DeviceMix.publish(codec, GatewayThroughput.CAMPUS, cycle.get(i % cycle.size()), i, ts).payload().length;
    }
    return (int) (total / n);
  }

  private static void row(StringBuilder out, String what, double rate, LatencyStats.Latency l) {
    line(out, "%-52s %,12.0f %8d %8d %8d", what, rate, l.p50(), l.p99(), l.max());
  }

  private static String met(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
