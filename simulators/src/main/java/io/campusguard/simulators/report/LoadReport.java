package io.campusguard.simulators.report;

import java.util.List;

/**
 * Everything a load test found, as written to {@code report.json}. Latencies are from the device's publish to
 * the hub's commit ({@code commitLatencyMs}; over all alarms, including a fault's burst of 1,000, and over
 * those outside the fault windows, which the latency bound judges) and to the console's SSE stream
 * ({@code sseLatencyMs}); the
 * baseline is the raw broker measured in the same run, so the ratios mean something on any machine.
 */
public record LoadReport(
    String scenario,
    String startedAt,
    double durationS,
    double loadMultiple,
    Counts counts,
    DrainSummary drain,
    OpcUaCounts opcua,
    double throughputPerS,
    LatencyStats.Latency alarmCommitLatencyMs,
    LatencyStats.Latency alarmCommitLatencyOutsideFaultsMs,
    LatencyStats.Latency alarmSseLatencyMs,
    Baseline baseline,
    List<FaultWindow> faults,
    Charts charts,
    Verdict verdict) {

  /**
   * Events the devices sent (and saw acknowledged), the hub committed, and what went wrong between; and every
   * event the hub committed in the run, of any kind ({@code hubCommittedAllKinds}: with the camera states,
   * heartbeats, local alarms and gateway health the ledger does not count), which is the hub's real load.
   * {@code stillInOutbox}: acknowledged, not committed when the drain ended, but still held by a gateway's
   * outbox (late, not lost); {@code lost}: acknowledged, neither committed nor in any outbox.
   */
  public record Counts(long sent, long committed, long lost, long duplicates, long outOfOrder, long hubCommittedAllKinds, long stillInOutbox) {}

  /**
   * The drain after the load stopped: how long it took, why it ended (every acknowledged event committed, every
   * outbox empty, or the limit), its limit, and how many events of any kind the outboxes still held at the end.
   */
  public record DrainSummary(double seconds, String endedBy, long limitS, long eventsLeftInOutboxes) {}

  /**
   * Canteen readings served over OPC UA: every new value a PLC held ({@code served}), those the gateway had to
   * deliver ({@code promised}: held long enough to be sampled, outside faults cutting it off its PLC), those
   * committed, those missed but excused, those lost (promised, neither committed nor in an outbox), duplicates, and
   * those not committed but still in a gateway's outbox when the run ended.
   */
  public record OpcUaCounts(long served, long promised, long committed, long excused, long lost, long duplicates, long stillInOutbox) {}

  /** The raw broker's rate and latency, publisher to subscriber, QoS 1, measured in the same run. */
  public record Baseline(double rawBrokerRatePerS, LatencyStats.Latency rawBrokerLatencyMs, double ratioToRawBroker) {}

  /** One campus's link state over time: seconds at which it changed, and to what. */
  public record LinkStrip(String campus, List<LinkChange> changes) {}

  public record LinkChange(double atS, String state) {}

  public record Charts(List<Series> throughput, List<Series> alarmLatency, List<Series> outboxDepth, List<LinkStrip> links) {}

  /** Whether the run passed its bounds, and if not, each reason. */
  public record Verdict(boolean passed, List<String> failures) {}
}
