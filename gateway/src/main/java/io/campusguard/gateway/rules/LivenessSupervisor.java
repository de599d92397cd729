package io.campusguard.gateway.rules;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.LocalAlarm.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Liveness of a campus's devices from their last-seen times. A device silent for its limit raises
 * {@code device_offline} once; its next message clears it. A device that others depend on (an NVR named by its
 * cameras, a configured switch) raises {@code parent_offline} instead, and while it is offline its descendants
 * raise nothing of their own; when it is heard again they get a fresh limit to report in ("they recover with
 * the parent"). A child that falls silent while its parent is silent too waits for the parent's verdict rather
 * than raising first. Time is the gateway's clock (arrival), so a device with a wrong clock is not offline.
 * Not thread-safe.
 */
final class LivenessSupervisor {
  /** An alarm transition about one device, at the moment it became true. */
  record LivenessAlarm(String device, LocalAlarm alarm, Instant at) {}

  private enum Verdict {
    NOT_DUE,
    RAISE,
    SUPPRESSED,
    DEFERRED
  }

  private static final class Node {
    final String id;
    Duration limit;
    String parent;
    Instant lastSeen;
    /** The alarm type raised for this device and not yet cleared, or null. */
    String raisedType;

    Node(String id, Duration limit, Instant lastSeen) {
      this.id = id;
      this.limit = limit;
      this.lastSeen = lastSeen;
    }

    Instant deadline() {
      return lastSeen.plus(limit);
    }
  }

  /** Parent chains longer than this are cut (and a cycle made by bad config cannot loop). */
  private static final int MAX_DEPTH = 8;

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  /** Every device ever named a parent (never shrinks): hearing one can change the verdict of others. */
  private final Set<String> parents = new HashSet<>();

  boolean isTracked(String device) {
    return nodes.containsKey(device);
  }

  int size() {
    return nodes.size();
  }

  /** Starts supervising a device (from {@code since}), or updates its limit; keeps its last-seen time. */
  void track(String device, Duration limit, Instant since) {
    Node n = nodes.get(device);
    if (n == null) {
      nodes.put(device, new Node(device, limit, since));
    } else {
      n.limit = limit;
    }
  }

  /** Records who a device depends on; the parent must be tracked. Null removes the link. */
  void setParent(String device, String parent) {
    Node n = nodes.get(device);
    if (n != null && (parent == null || nodes.containsKey(parent)) && !device.equals(parent)) {
      n.parent = parent;
      if (parent != null) {
        parents.add(parent);
      }
    }
  }

  /** The device's parent, or null. */
  String parentOf(String device) {
    Node n = nodes.get(device);
    return n == null ? null : n.parent;
  }

  /** When the device's silence would be judged, unless it is heard first; null when its alarm is raised or it is not tracked. */
  Instant deadlineOf(String device) {
    Node n = nodes.get(device);
    return n == null || n.raisedType != null ? null : n.deadline();
  }

  /** True when some device has (or had) this one as its parent. */
  boolean isParent(String device) {
    return parents.contains(device);
  }

  /** The device was heard now: clears its alarm, and a returning parent gives its descendants a fresh limit. */
  List<LivenessAlarm> onSeen(String device, Instant now) {
    Node n = nodes.get(device);
    if (n == null) {
      return List.of();
    }
    Duration silent = Duration.between(n.lastSeen, now);
    n.lastSeen = now.isAfter(n.lastSeen) ? now : n.lastSeen;
    if (n.raisedType == null) {
      return List.of();
    }
    String type = n.raisedType;
    n.raisedType = null;
    // Descendants held silent by this device's absence get a fresh limit rather than an alarm each.
    for (Node d : nodes.values()) {
      if (d.raisedType == null && !d.deadline().isAfter(now) && hasAncestor(d, n.id)) {
        d.lastSeen = now;
      }
    }
    double seconds = Math.max(0, silent.toMillis() / 1000.0);
    return List.of(
        new LivenessAlarm(device, new LocalAlarm(type, Transition.CLEARED, seconds, "heard again after " + silent), now));
  }

  /** True when the device is offline now, by its own alarm, an offline ancestor, or an overdue report. */
  boolean isSilent(String device, Instant now) {
    Node n = nodes.get(device);
    return n != null && (n.raisedType != null || !now.isBefore(n.deadline()) || offlineAncestor(n) != null);
  }

  /** Raises what is due by {@code now}, ancestors first. */
  List<LivenessAlarm> onTime(Instant now) {
    List<Node> due = new ArrayList<>();
    for (Node n : nodes.values()) {
      if (n.raisedType == null && !now.isBefore(n.deadline())) {
        due.add(n);
      }
    }
    due.sort(Comparator.comparingInt(this::depth));
    List<LivenessAlarm> out = new ArrayList<>();
    for (Node n : due) {
      if (verdict(n, now) != Verdict.RAISE) {
        continue;
      }
      int children = childCount(n);
      n.raisedType = children > 0 ? AlarmTypes.PARENT_OFFLINE : AlarmTypes.DEVICE_OFFLINE;
      String detail =
          "silent since " + n.lastSeen + " (limit " + n.limit + ")"
              + (children > 0 ? "; " + children + " dependent devices not reported one by one" : "");
      out.add(new LivenessAlarm(n.id, new LocalAlarm(n.raisedType, Transition.RAISED, null, detail), n.deadline()));
    }
    return out;
  }

  /** The earliest moment {@link #onTime} has something to do (may be past); empty when nothing is pending. */
  Optional<Instant> nextDeadline(Instant now) {
    Instant best = null;
    for (Node n : nodes.values()) {
      if (n.raisedType != null) {
        continue;
      }
      Instant d = n.deadline();
      if (!now.isBefore(d) && verdict(n, now) != Verdict.RAISE) {
        continue; // waits for an ancestor's verdict, which has its own deadline or a message
      }
      if (best == null || d.isBefore(best)) {
        best = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private Verdict verdict(Node n, Instant now) {
    if (now.isBefore(n.deadline())) {
      return Verdict.NOT_DUE;
    }
    if (offlineAncestor(n) != null) {
      return Verdict.SUPPRESSED;
    }
    Node p = n.parent == null ? null : nodes.get(n.parent);
    // The parent has not been heard since about when the child went quiet (within half the child's limit,
    // which covers their different reporting phases) and its own limit is not up yet: the silence is
    // probably the parent's, so wait for its verdict instead of raising per child. A parent that is heard
    // regularly is heard later than that, and the child raises on time; the wait is at most the parent's limit.
    if (p != null
        && now.isBefore(p.deadline())
        && !p.lastSeen.isAfter(n.lastSeen.plus(n.limit.dividedBy(2)))) {
      return Verdict.DEFERRED;
    }
    return Verdict.RAISE;
  }

  private Node offlineAncestor(Node n) {
    Node p = n.parent == null ? null : nodes.get(n.parent);
    for (int i = 0; p != null && i < MAX_DEPTH; i++) {
      if (p.raisedType != null) {
        return p;
      }
      p = p.parent == null ? null : nodes.get(p.parent);
    }
    return null;
  }

  private boolean hasAncestor(Node n, String ancestor) {
    Node p = n.parent == null ? null : nodes.get(n.parent);
    for (int i = 0; p != null && i < MAX_DEPTH; i++) {
      if (p.id.equals(ancestor)) {
        return true;
      }
      p = p.parent == null ? null : nodes.get(p.parent);
    }
    return false;
  }

  private int depth(Node n) {
    int depth = 0;
    Node p = n.parent == null ? null : nodes.get(n.parent);
    while (p != null && depth < MAX_DEPTH) {
      depth++;
      p = p.parent == null ? null : nodes.get(p.parent);
    }
    return depth;
  }

  private int childCount(Node parent) {
    int count = 0;
    for (Node n : nodes.values()) {
      if (parent.id.equals(n.parent)) {
        count++;
      }
    }
    return count;
  }
}
