package io.campusguard.gateway.uplink;

import io.campusguard.devices.CommitAck;
import io.campusguard.gateway.outbox.StoredEvent;
import io.campusguard.devices.Priority;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what the uplink sends, without a broker: it keeps a read cursor per lane, the window of events sent
 * but not yet covered by a commit ack, the pacing of everything but P0, and the resend timers. Single-threaded:
 * the uplink calls it from its one loop.
 *
 * <p>P0 events go out first, in batches of their own (never mixed with telemetry), are never paced and are not
 * held by the window (it bounds the telemetry waiting for the hub, and a press must not wait for that to drain).
 * Alarms already waiting together travel together, up to {@link #P0_BATCH_EVENTS}: one at a time, a burst of
 * 1,000 presses from one campus drained at about 6 a second in the 10x load test (a publish, a transaction and an
 * ack each), and the alarms behind it waited minutes. The first of them waits for nothing more than before.
 * The other lanes go in batches of one lane
 * each, paced by a token bucket, and wait after a (re)connect until the replay jitter has passed. An event is
 * forgotten only when a commit ack covers it; one not acked within the timeout is sent again, with the same id.
 */
public final class UplinkPlanner {
  /** Most alarms in one batch: about 12 KB, so the hub still examines it at once on its event loop (16 KB). */
  public static final int P0_BATCH_EVENTS = 32;

  private final UplinkConfig config;
  private final Map<Priority, Long> cursors = new EnumMap<>(Priority.class);
  private final LinkedHashMap<String, InFlight> inFlight = new LinkedHashMap<>();
  private final TokenBucket pacing;
  private long backlogHeldUntilMs;

  /** One event sent and awaiting the hub's commit. */
  private static final class InFlight {
    final StoredEvent event;
    long sentAtMs;
    int sends = 1;

    InFlight(StoredEvent event, long sentAtMs) {
      this.event = event;
      this.sentAtMs = sentAtMs;
    }
  }

  public UplinkPlanner(UplinkConfig config, long nowMs) {
    this.config = config;
    this.pacing = new TokenBucket(config.replayRatePerSecond(), Math.max(config.maxBatchEvents(), config.replayRatePerSecond()), nowMs);
  }

  /** After each connect: forget what is in flight (it will be read and sent again) and hold the backlog. */
  public void reset(long holdBacklogUntilMs) {
    inFlight.clear();
    cursors.clear();
    backlogHeldUntilMs = holdBacklogUntilMs;
  }

  /** Where reading the outbox should continue, per lane. */
  public Map<Priority, Long> cursors() {
    return Map.copyOf(cursors);
  }

  /** How many more events the window allows. */
  public int room() {
    return Math.max(0, config.maxEventsInFlight() - inFlight.size());
  }

  /**
   * How many events the next outbox read should ask for: what the window allows, but no more than the pacing
   * can take now plus room for a batch of alarms, so a paced backlog is not read and decoded over and over.
   */
  public int readBudget(long nowMs) {
    int paced = nowMs < backlogHeldUntilMs ? 0 : pacing.available(nowMs);
    return Math.min(room(), config.maxBatchEvents() + paced);
  }

  public int inFlight() {
    return inFlight.size();
  }

  /**
   * Takes events just read from the outbox (P0 first, each lane in sequence order) and returns the batches to
   * publish now. Events it does not take now (paced, held, or beyond the window) are not consumed: the cursor
   * of their lane stays before them, so the next read returns them again.
   */
  public List<List<StoredEvent>> plan(List<StoredEvent> read, long nowMs) {
    return plan(read, nowMs, Integer.MAX_VALUE);
  }

  /** As {@link #plan(List, long)}, returning at most {@code maxBatches} batches (free publish slots). */
  public List<List<StoredEvent>> plan(List<StoredEvent> read, long nowMs, int maxBatches) {
    return plan(read, nowMs, maxBatches, maxBatches);
  }

  /**
   * As {@link #plan(List, long, int)}, with at most {@code maxTelemetryBatches} of them for lanes other than P0,
   * so the uplink can keep a publish slot free for the next alarm.
   */
  public List<List<StoredEvent>> plan(List<StoredEvent> read, long nowMs, int maxBatches, int maxTelemetryBatches) {
    int telemetryBatches = 0;
    List<List<StoredEvent>> batches = new ArrayList<>();
    Set<Priority> stopped = new HashSet<>();
    List<StoredEvent> open = new ArrayList<>();
    int room = room();
    for (StoredEvent e : read) {
      Priority lane = e.priority();
      if (stopped.contains(lane) || inFlight.containsKey(e.id())) {
        continue;
      }
      boolean opensBatch = open.isEmpty() || open.get(0).priority() != lane || open.size() >= batchLimit(lane);
      int batchesIfTaken = batches.size() + (open.isEmpty() ? 0 : 1) + (opensBatch ? 1 : 0);
      boolean take = lane == Priority.P0
          ? batchesIfTaken <= maxBatches
          : room > 0
              && batchesIfTaken <= maxBatches
              && telemetryBatches + (opensBatch ? 1 : 0) <= maxTelemetryBatches
              && nowMs >= backlogHeldUntilMs
              && pacing.take(1, nowMs) == 1;
      if (!take) {
        stopped.add(lane); // later events of this lane wait too: a lane is sent in order
        continue;
      }
      room--;
      if (lane != Priority.P0 && opensBatch) {
        telemetryBatches++;
      }
      cursors.put(lane, Math.max(cursors.getOrDefault(lane, 0L), e.seq()));
      inFlight.put(e.id(), new InFlight(e, nowMs));
      if (!open.isEmpty() && (open.get(0).priority() != lane || open.size() >= batchLimit(lane))) {
        batches.add(List.copyOf(open));
        open.clear();
      }
      open.add(e);
    }
    if (!open.isEmpty()) {
      batches.add(List.copyOf(open));
    }
    return batches;
  }

  /**
   * Events whose publish could not even start (the client's in-flight limit, a lost connection): they leave
   * the window and their lane's cursor goes back before them, so they are read and sent again, in order.
   */
  public void returnUnsent(List<StoredEvent> events, long nowMs) {
    int paced = 0;
    for (StoredEvent e : events) {
      if (inFlight.remove(e.id()) == null) {
        continue;
      }
      long before = e.seq() - 1;
      cursors.compute(e.priority(), (k, v) -> v == null ? before : Math.min(v, before));
      if (e.priority() != Priority.P0) {
        paced++;
      }
    }
    pacing.giveBack(paced, nowMs);
  }

  /** Events sent longer ago than the ack timeout, to send again now (same ids), in batches as {@link #plan}. */
  public List<List<StoredEvent>> dueForResend(long nowMs) {
    long cutoff = nowMs - config.ackTimeout().toMillis();
    List<List<StoredEvent>> batches = new ArrayList<>();
    List<StoredEvent> open = new ArrayList<>();
    for (InFlight f : inFlight.values()) {
      if (f.sentAtMs > cutoff) {
        continue;
      }
      f.sentAtMs = nowMs;
      f.sends++;
      StoredEvent e = f.event;
      if (!open.isEmpty() && (open.get(0).priority() != e.priority() || open.size() >= batchLimit(e.priority()))) {
        batches.add(List.copyOf(open));
        open.clear();
      }
      open.add(e);
    }
    if (!open.isEmpty()) {
      batches.add(List.copyOf(open));
    }
    // P0 first, whatever order they were sent in.
    batches.sort((a, b) -> Integer.compare(a.get(0).priority().ordinal(), b.get(0).priority().ordinal()));
    return batches;
  }

  private int batchLimit(Priority lane) {
    return lane == Priority.P0 ? P0_BATCH_EVENTS : config.maxBatchEvents();
  }

  /** The hub committed these: they leave the window for good. Returns how many left it. */
  public int acked(CommitAck ack) {
    int before = inFlight.size();
    ack.eventIds().forEach(inFlight::remove);
    if (ack.committedUpTo() > 0) {
      for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext(); ) {
        if (it.next().event.seq() <= ack.committedUpTo()) {
          it.remove();
        }
      }
    }
    return before - inFlight.size();
  }
}
