package io.campusguard.simulators.report;

import java.util.List;

/**
 * Everything a load test found, as written to {@code report.json}. Latencies are from the device's publish to
 * the hub's commit ({@code commitLatencyMs}) and to the console's SSE stream ({@code sseLatencyMs}); the
 * baseline is the raw broker measured in the same run, so the ratios mean something on any machine.
 */
public record LoadReport(
    String scenario,
    String startedAt,
    double durationS,
    double loadMultiple,
    Counts counts,
    double throughputPerS,
    LatencyStats.Latency alarmCommitLatencyMs,
    LatencyStats.Latency alarmSseLatencyMs,
    Baseline baseline,
    List<FaultWindow> faults,
    Charts charts,
    Verdict verdict) {

  /** Events the devices sent (and saw acknowledged), the hub committed, and what went wrong between. */
  public record Counts(long sent, long committed, long lost, long duplicates, long outOfOrder) {}

  /** The raw broker's rate and latency, publisher to subscriber, QoS 1, measured in the same run. */
  public record Baseline(double rawBrokerRatePerS, LatencyStats.Latency rawBrokerLatencyMs, double ratioToRawBroker) {}

  /** One campus's link state over time: seconds at which it changed, and to what. */
  public record LinkStrip(String campus, List<LinkChange> changes) {}

  public record LinkChange(double atS, String state) {}

  public record Charts(List<Series> throughput, List<Series> alarmLatency, List<Series> outboxDepth, List<LinkStrip> links) {}

  /** Whether the run passed its bounds, and if not, each reason. */
  public record Verdict(boolean passed, List<String> failures) {}
}
