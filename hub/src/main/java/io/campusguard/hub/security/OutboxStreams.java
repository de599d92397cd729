package io.campusguard.hub.security;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Follows each campus's sequence streams, one per gateway outbox, from the batches this hub committed, and decides
 * which batches need the database's word on their sequence numbers.
 *
 * <p>Within one outbox a sequence number belongs to one event id forever. So a new event id whose number another
 * event of the same outbox already has means the sequence went back without a restart marker: replayed or
 * substituted. A batch whose numbers are all above what this hub has seen in their lanes cannot reuse one (the
 * gateway sends each lane in order), so only the others are looked up: a resend, a hub's first batch of a lane,
 * and anything that goes back. That keeps the look-up off nearly every batch.
 *
 * <p>The outbox id is the restart marker: a UUIDv7 made with the outbox file, so it also says when the outbox was
 * made. Events stamped (gatewayTs) before that belong to an earlier outbox of the campus, and their numbers may
 * legitimately come again. A batch without an outbox id (a gateway older than the field) has no marker: all of the
 * campus's history counts. Plain Java, not thread-safe: called on the hub's context.
 */
public final class OutboxStreams {
  /** Campuses followed at most; beyond it the oldest campus is forgotten (and its next batch looked up). */
  static final int MAX_CAMPUSES = 100_000;
  /** Outboxes followed per campus at most: the newest, none (older gateways) and a few interleaving ones. */
  static final int MAX_OUTBOXES = 4;

  private final Map<String, Campus> campuses = new HashMap<>();

  /** What to do about one committed batch. */
  public record Verdict(List<Long> lookUpSeqs, List<String> batchIds, Instant outboxCreated, List<SecurityEvent> events) {
    public boolean needsLookUp() {
      return !lookUpSeqs.isEmpty();
    }
  }

  public Verdict screen(String campus, String outboxId, List<EventEnvelope> batch, Instant at) {
    if (campuses.size() >= MAX_CAMPUSES && !campuses.containsKey(campus)) {
      campuses.remove(campuses.keySet().iterator().next());
    }
    Campus c = campuses.computeIfAbsent(campus, k -> new Campus());
    List<SecurityEvent> found = new ArrayList<>();
    Instant created = createdAt(outboxId).orElse(null);
    interleaved(campus, c, outboxId, created, at).ifPresent(found::add);
    if (c.highWater.size() > MAX_OUTBOXES) {
      c.highWater.keySet().removeIf(k -> !k.isEmpty() && !k.equals(c.newest)); // forged outbox ids must not pile up
    }
    Map<Priority, Long> lanes = c.highWater.computeIfAbsent(outboxId == null ? "" : outboxId, k -> new EnumMap<>(Priority.class));
    Map<Long, String> seen = new HashMap<>();
    List<Long> lookUp = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (EventEnvelope e : batch) {
      ids.add(e.id());
      String other = seen.putIfAbsent(e.seq(), e.id());
      if (other != null && !other.equals(e.id())) {
        found.add(reused(campus, outboxId, e.seq(), other, e.id(), at));
      }
      Long high = lanes.get(e.priority());
      if (high == null || e.seq() <= high) {
        lookUp.add(e.seq());
      }
    }
    for (EventEnvelope e : batch) {
      lanes.merge(e.priority(), e.seq(), Math::max);
    }
    return new Verdict(lookUp, ids, created, found);
  }

  /** The event for a stored event {@code storedId} that holds {@code seq}, which {@code newId} came with too. */
  public static SecurityEvent reused(String campus, String outboxId, long seq, String storedId, String newId, Instant at) {
    String a = storedId.compareTo(newId) < 0 ? storedId : newId;
    String b = a.equals(storedId) ? newId : storedId;
    return new SecurityEvent(SecurityEventKind.SEQUENCE_REUSED, campus,
        "sequence " + seq + " of campus " + campus + (outboxId == null ? " (no outbox id)" : " (outbox " + outboxId + ")")
            + " came with two event ids, " + a + " and " + b + ", without a restart marker: replayed or substituted",
        "sequence_reused|" + campus + "|" + seq + "|" + a + "|" + b, at);
  }

  /** When a UUIDv7 outbox id was made; empty for none or another kind of UUID (then it marks nothing). */
  static Optional<Instant> createdAt(String outboxId) {
    if (outboxId == null) {
      return Optional.empty();
    }
    UUID u = UUID.fromString(outboxId);
    return u.version() == 7 ? Optional.of(Instant.ofEpochMilli(u.getMostSignificantBits() >>> 16)) : Optional.empty();
  }

  private static Optional<SecurityEvent> interleaved(String campus, Campus c, String outboxId, Instant created, Instant at) {
    if (created == null) {
      return Optional.empty();
    }
    // UUIDv7 ids in canonical form sort by the time they were made (then by their random bits).
    if (c.newest == null || outboxId.compareTo(c.newest) >= 0) {
      if (c.newest != null && !outboxId.equals(c.newest)) {
        c.highWater.remove(c.newest); // a declared reset: the old outbox's stream is over
      }
      c.newest = outboxId;
      return Optional.empty();
    }
    return Optional.of(new SecurityEvent(SecurityEventKind.OUTBOX_INTERLEAVED, campus,
        "campus " + campus + " sent a batch from outbox " + outboxId + " after the newer outbox " + c.newest
            + " had started: two gateways with one identity",
        "outbox_interleaved|" + campus + "|" + outboxId + "|" + c.newest, at));
  }

  private static final class Campus {
    String newest;
    /** Per outbox id ("" for none), the highest sequence this hub committed per lane. */
    final Map<String, Map<Priority, Long>> highWater = new HashMap<>();
  }
}
