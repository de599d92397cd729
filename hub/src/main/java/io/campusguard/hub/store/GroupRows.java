package io.campusguard.hub.store;

import io.campusguard.devices.EventEnvelope;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The parameters of one commit of several prepared batches: every member's event rows side by side, and each
 * device touched once. A statement may update a row only once, so a device in two members is merged here the way
 * two commits one after the other would leave it.
 */
final class GroupRows {
  private GroupRows() {}

  /** One batch's events as the insert's parameter arrays, in id order. */
  record EventRows(UUID[] ids, String[] campuses, Long[] seqs, String[] kinds, String[] priorities, String[] devices,
      OffsetDateTime[] sources, OffsetDateTime[] gateways, String[] bodies, Boolean[] late, Long[] delays, Boolean[] pending,
      String[] outboxes) {
    EventRows(int n) {
      this(new UUID[n], new String[n], new Long[n], new String[n], new String[n], new String[n], new OffsetDateTime[n],
          new OffsetDateTime[n], new String[n], new Boolean[n], new Long[n], new Boolean[n], new String[n]);
    }

    void set(int i, EventEnvelope e, String outboxId, String body, boolean isLate, long delay, boolean alarmPending) {
      ids[i] = UUID.fromString(e.id());
      outboxes[i] = outboxId;
      campuses[i] = e.campus();
      seqs[i] = e.seq();
      kinds[i] = e.kind().wireName();
      priorities[i] = e.priority().name();
      devices[i] = e.device();
      sources[i] = SqlTime.odt(e.sourceTs());
      gateways[i] = SqlTime.odt(e.gatewayTs());
      bodies[i] = body;
      late[i] = isLate;
      delays[i] = delay;
      pending[i] = alarmPending;
    }

    int size() {
      return ids.length;
    }
  }

  /**
   * What one batch says of one device: from its newest event, last seen, kind, type and parent (null: the body
   * does not say, and the stored value stays); from its newest event about the device's condition, that condition
   * (all three null when no event said anything about it).
   */
  record DeviceTouch(String id, String campus, String kind, OffsetDateTime seenAt, String type, String parent, Boolean degraded,
      String reason, OffsetDateTime conditionAt) {

    /** This touch followed by {@code later}, as the upsert would leave the row after both, one commit after the other. */
    DeviceTouch then(DeviceTouch later) {
      OffsetDateTime seen = seenAt.isAfter(later.seenAt) ? seenAt : later.seenAt;
      boolean newerCondition = later.conditionAt != null && (conditionAt == null || !later.conditionAt.isBefore(conditionAt));
      DeviceTouch c = newerCondition ? later : this;
      return new DeviceTouch(id, later.campus, later.kind, seen, later.type != null ? later.type : type,
          later.parent != null ? later.parent : parent, c.degraded, c.reason, c.conditionAt);
    }
  }

  /** The insert's parameters: the members' rows one after the other (the statement sorts them by id). */
  static Tuple insert(List<EventStore.PreparedBatch> members, OffsetDateTime hubTs) {
    if (members.size() == 1) {
      return insertTuple(members.get(0).rows(), hubTs);
    }
    int n = members.stream().mapToInt(EventStore.PreparedBatch::size).sum();
    EventRows all = new EventRows(n);
    int at = 0;
    for (EventStore.PreparedBatch m : members) {
      EventRows r = m.rows();
      int k = r.size();
      System.arraycopy(r.ids(), 0, all.ids(), at, k);
      System.arraycopy(r.campuses(), 0, all.campuses(), at, k);
      System.arraycopy(r.seqs(), 0, all.seqs(), at, k);
      System.arraycopy(r.kinds(), 0, all.kinds(), at, k);
      System.arraycopy(r.priorities(), 0, all.priorities(), at, k);
      System.arraycopy(r.devices(), 0, all.devices(), at, k);
      System.arraycopy(r.sources(), 0, all.sources(), at, k);
      System.arraycopy(r.gateways(), 0, all.gateways(), at, k);
      System.arraycopy(r.bodies(), 0, all.bodies(), at, k);
      System.arraycopy(r.late(), 0, all.late(), at, k);
      System.arraycopy(r.delays(), 0, all.delays(), at, k);
      System.arraycopy(r.pending(), 0, all.pending(), at, k);
      System.arraycopy(r.outboxes(), 0, all.outboxes(), at, k);
      at += k;
    }
    return insertTuple(all, hubTs);
  }

  private static Tuple insertTuple(EventRows r, OffsetDateTime hubTs) {
    return Tuple.tuple()
        .addValue(r.ids()).addValue(r.campuses()).addValue(r.seqs()).addValue(r.kinds()).addValue(r.priorities()).addValue(r.devices())
        .addValue(r.sources()).addValue(r.gateways()).addValue(hubTs).addValue(r.bodies()).addValue(r.late())
        .addValue(r.delays()).addValue(r.pending()).addValue(r.outboxes());
  }

  /** The device upsert's parameters. */
  record Touch(Tuple params) {}

  static Touch touch(List<EventStore.PreparedBatch> members, OffsetDateTime hubTs) {
    TreeMap<String, DeviceTouch> merged = new TreeMap<>();
    TreeSet<String> campuses = new TreeSet<>();
    for (EventStore.PreparedBatch m : members) {
      campuses.add(m.campus());
      for (DeviceTouch t : m.touches()) {
        // Keyed by campus and id, as the table is: two campuses naming one id touch two rows.
        merged.merge(t.campus() + '\u0000' + t.id(), t, DeviceTouch::then);
      }
    }
    int d = merged.size();
    String[] ids = new String[d];
    String[] deviceCampuses = new String[d];
    String[] kinds = new String[d];
    OffsetDateTime[] seen = new OffsetDateTime[d];
    String[] types = new String[d];
    String[] parents = new String[d];
    Boolean[] degraded = new Boolean[d];
    String[] reasons = new String[d];
    OffsetDateTime[] conditionAt = new OffsetDateTime[d];
    int i = 0;
    for (DeviceTouch t : merged.values()) {
      ids[i] = t.id();
      deviceCampuses[i] = t.campus();
      kinds[i] = t.kind();
      seen[i] = t.seenAt();
      types[i] = t.type();
      parents[i] = t.parent();
      degraded[i] = t.degraded();
      reasons[i] = t.reason();
      conditionAt[i] = t.conditionAt();
      i++;
    }
    Tuple params = Tuple.tuple().addValue(campuses.toArray(String[]::new)).addValue(hubTs)
        .addValue(ids).addValue(deviceCampuses).addValue(kinds).addValue(seen).addValue(types).addValue(parents)
        .addValue(degraded).addValue(reasons).addValue(conditionAt);
    return new Touch(params);
  }
}
