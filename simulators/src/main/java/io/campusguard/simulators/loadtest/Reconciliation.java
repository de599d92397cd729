package io.campusguard.simulators.loadtest;

import io.campusguard.simulators.report.FaultWindow;
import io.campusguard.simulators.report.LatencyStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the devices sent with what the hub committed: still in an outbox (acknowledged to a device,
 * not committed yet, but held by a gateway's outbox when the run ended: late, not lost), lost (acknowledged,
 * neither committed nor in any outbox), duplicates (one publish committed more than once, under different event ids), out of order (a
 * device's events whose gateway sequence runs against their own time), and the alarm latency from the device's
 * publish to the hub's commit, over all alarms and over those outside fault windows. Plain logic.
 */
public final class Reconciliation {
  private Reconciliation() {}

  public record Result(
      long sent, long committed, long stillInOutbox, long lost, long duplicates, long outOfOrder, LatencyStats all, LatencyStats outsideFaults,
      List<EmissionKey> lostSample) {}

  /** As {@link #reconcile(Map, List, java.util.Set, long, List, long)} with every outbox empty. */
  public static Result reconcile(Map<EmissionKey, Ledger.Sent> sent, List<CommittedEvent> committed, long startMillis, List<FaultWindow> faults, long settleMillis) {
    return reconcile(sent, committed, java.util.Set.of(), startMillis, faults, settleMillis);
  }

  /**
   * @param inOutboxes the publishes whose events the gateways' outboxes still held at the end, read after the
   *     gateways stopped and before {@code committed} was read
   * @param startMillis wall-clock start of the run, for placing alarms against fault windows
   * @param settle how long after a fault ends an alarm may still be slow (the backlog drains)
   */
  public static Result reconcile(
      Map<EmissionKey, Ledger.Sent> sent, List<CommittedEvent> committed, java.util.Set<EmissionKey> inOutboxes, long startMillis, List<FaultWindow> faults,
      long settleMillis) {
    Map<EmissionKey, List<CommittedEvent>> byKey = byKey(committed);
    long stillInOutbox = 0;
    long lost = 0;
    long duplicates = 0;
    List<EmissionKey> lostSample = new ArrayList<>();
    LatencyStats all = new LatencyStats(10);
    LatencyStats outside = new LatencyStats(10);
    for (Ledger.Sent s : sent.values()) {
      List<CommittedEvent> found = byKey.get(s.key());
      if (found == null && inOutboxes.contains(s.key())) {
        stillInOutbox++;
        continue;
      }
      if (found == null) {
        lost++;
        if (lostSample.size() < 20) {
          lostSample.add(s.key());
        }
        continue;
      }
      duplicates += found.size() - 1;
      if (s.alarm()) {
        long first = found.stream().mapToLong(CommittedEvent::hubTsMillis).min().orElseThrow();
        long latency = first - s.publishedAtMillis();
        double atS = (s.publishedAtMillis() - startMillis) / 1000.0;
        all.record(atS, latency);
        if (!duringFault(atS, faults, settleMillis / 1000.0)) {
          outside.record(atS, latency);
        }
      }
    }
    return new Result(sent.size(), sent.size() - lost - stillInOutbox, stillInOutbox, lost, duplicates, outOfOrder(committed), all, outside, lostSample);
  }

  /**
   * OPC UA readings: {@code promised} are those the gateway had to deliver (held at least {@code minHoldMillis},
   * set {@code graceMillis} or more after the start, and outside the windows, widened by the grace, of faults
   * that cut the campus's gateway off its PLC: an OPC UA restart or a gateway kill of that campus); the others
   * may be missed ({@code excused}) but never committed twice.
   */
  public record OpcUaResult(
      long served, long promised, long committed, long excused, long stillInOutbox, long lost, long duplicates, List<EmissionKey> lostSample) {}

  /** As {@link #reconcileOpcUa(java.util.Collection, List, java.util.Set, long, long, List, long, long)} with every outbox empty. */
  public static OpcUaResult reconcileOpcUa(
      java.util.Collection<Ledger.OpcUaValue> values, List<CommittedEvent> committed, long startMillis, long endMillis, List<FaultWindow> faults,
      long minHoldMillis, long graceMillis) {
    return reconcileOpcUa(values, committed, java.util.Set.of(), startMillis, endMillis, faults, minHoldMillis, graceMillis);
  }

  /** A reading not committed but still in a gateway's outbox ({@code inOutboxes}) is late, not lost. */
  public static OpcUaResult reconcileOpcUa(
      java.util.Collection<Ledger.OpcUaValue> values, List<CommittedEvent> committed, java.util.Set<EmissionKey> inOutboxes, long startMillis,
      long endMillis, List<FaultWindow> faults, long minHoldMillis, long graceMillis) {
    Map<EmissionKey, List<CommittedEvent>> byKey = byKey(committed);
    long stillInOutbox = 0;
    long promised = 0;
    long reached = 0;
    long excused = 0;
    long lost = 0;
    long duplicates = 0;
    List<EmissionKey> lostSample = new ArrayList<>();
    for (Ledger.OpcUaValue v : values) {
      List<CommittedEvent> found = byKey.get(v.key());
      boolean isPromised = opcUaPromised(v, startMillis, endMillis, faults, minHoldMillis, graceMillis);
      promised += isPromised ? 1 : 0;
      if (found != null) {
        reached++;
        duplicates += found.size() - 1;
      } else if (inOutboxes.contains(v.key())) {
        stillInOutbox++;
      } else if (isPromised) {
        lost++;
        if (lostSample.size() < 20) {
          lostSample.add(v.key());
        }
      } else {
        excused++;
      }
    }
    return new OpcUaResult(values.size(), promised, reached, excused, stillInOutbox, lost, duplicates, lostSample);
  }

  static boolean opcUaPromised(Ledger.OpcUaValue v, long startMillis, long endMillis, List<FaultWindow> faults, long minHoldMillis, long graceMillis) {
    if (Math.min(v.replacedAtMillis(), endMillis) - v.setAtMillis() < minHoldMillis || v.setAtMillis() < startMillis + graceMillis) {
      return false;
    }
    double atS = (v.setAtMillis() - startMillis) / 1000.0;
    for (FaultWindow f : faults) {
      boolean cutsPlc = v.campus().equals(f.target())
          && (f.kind().equals(FaultSpec.Kind.OPCUA_RESTART.wireName()) || f.kind().equals(FaultSpec.Kind.GATEWAY_KILL.wireName()));
      if (cutsPlc && atS >= f.startS() - graceMillis / 1000.0 && atS <= f.endS() + graceMillis / 1000.0) {
        return false;
      }
    }
    return true;
  }

  /** Committed events by the publish they came from (device and its own time). */
  public static Map<EmissionKey, List<CommittedEvent>> byKey(List<CommittedEvent> committed) {
    Map<EmissionKey, List<CommittedEvent>> byKey = new HashMap<>();
    for (CommittedEvent e : committed) {
      byKey.computeIfAbsent(e.key(), k -> new ArrayList<>(1)).add(e);
    }
    return byKey;
  }

  /** Per device, in gateway sequence order, each event whose own time is earlier than the one before it. */
  static long outOfOrder(List<CommittedEvent> committed) {
    Map<String, List<CommittedEvent>> byDevice = new HashMap<>();
    for (CommittedEvent e : committed) {
      byDevice.computeIfAbsent(e.key().device(), k -> new ArrayList<>()).add(e);
    }
    long count = 0;
    for (List<CommittedEvent> events : byDevice.values()) {
      events.sort(Comparator.comparingLong(CommittedEvent::seq));
      for (int i = 1; i < events.size(); i++) {
        if (events.get(i).key().sourceTs().isBefore(events.get(i - 1).key().sourceTs())) {
          count++;
        }
      }
    }
    return count;
  }

  /** Within a fault window widened by the settle time on both sides (an alarm just before a fault is still in flight when it strikes). */
  static boolean duringFault(double atS, List<FaultWindow> faults, double settleS) {
    for (FaultWindow f : faults) {
      if (atS >= f.startS() - settleS && atS <= f.endS() + settleS) {
        return true;
      }
    }
    return false;
  }
}
