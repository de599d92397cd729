package io.campusguard.hub.store;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.hub.alarms.Degradation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The idempotent event log. One commit is one transaction of statements sent together: insert what is new (a
 * redelivered event hits the primary key and is skipped), touch the devices (last seen, type, parent, condition),
 * lock the progress rows of its streams (a campus's events from one outbox), then walk each stream's contiguous
 * committed sequence forward and record a gap when events beyond it are stored. When a device's condition flipped, the campus's degraded count and colour are
 * refreshed in the same transaction. A commit may hold one batch or several campuses' batches
 * ({@link #commitTogether}). Rows are inserted in id order, devices touched in id order and campuses locked in id
 * order, so two hubs committing overlapping batches wait for each other instead of deadlocking.
 */
public final class EventStore {
  private static final String INSERT_EVENTS =
      "INSERT INTO events (id, campus_id, seq, kind, priority, device_id, source_ts, gateway_ts, hub_ts, body, late, delay_ms,"
          + " alarm_pending, outbox_id)"
          + " SELECT id, campus, seq, kind, priority, device, src, gw, $9, body::json, late, delay, pending, outbox"
          + " FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],"
          + "  $8::timestamptz[], $10::text[], $11::bool[], $12::bigint[], $13::bool[], $14::text[])"
          + "  AS t(id, campus, seq, kind, priority, device, src, gw, body, late, delay, pending, outbox)"
          + " ORDER BY id ON CONFLICT (id) DO NOTHING RETURNING id";

  private static final String NEWER =
      "(EXCLUDED.condition_at IS NOT NULL AND (dv.condition_at IS NULL OR EXCLUDED.condition_at >= dv.condition_at))";

  // A device's condition (Degradation) changes only with a report at least as new as the stored one, so a late
  // backlog cannot undo a newer report. A flip stamps degraded_changed_at with this commit's hub time ($2), which
  // RETURNING reports, so the commit knows which campuses' counts must be recounted. New campus rows are made here
  // too. Each (campus, device) comes once (GroupRows merges them), in that order, so two hubs lock rows in the same
  // order. A device is keyed by campus and id: one campus's report never touches another campus's row.
  private static final String TOUCH_DEVICES =
      "WITH campus AS (INSERT INTO campuses (id) SELECT c FROM unnest($1::text[]) AS c ORDER BY c ON CONFLICT (id) DO NOTHING)"
          + " INSERT INTO devices AS dv (id, campus_id, kind, last_seen_at, device_type, parent_id, degraded, degraded_reason, condition_at, degraded_changed_at)"
          + " SELECT d, c, k, t, dt, p, coalesce(dg, false), r, ca, CASE WHEN dg THEN $2::timestamptz END"
          + " FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::bool[], $10::text[], $11::timestamptz[])"
          + "  AS x(d, c, k, t, dt, p, dg, r, ca) ORDER BY c, d"
          + " ON CONFLICT (campus_id, id) DO UPDATE SET last_seen_at = greatest(dv.last_seen_at, EXCLUDED.last_seen_at),"
          + " device_type = coalesce(EXCLUDED.device_type, dv.device_type), parent_id = coalesce(EXCLUDED.parent_id, dv.parent_id),"
          + " degraded = CASE WHEN " + NEWER + " THEN EXCLUDED.degraded ELSE dv.degraded END,"
          + " degraded_reason = CASE WHEN " + NEWER + " THEN EXCLUDED.degraded_reason ELSE dv.degraded_reason END,"
          + " degraded_changed_at = CASE WHEN " + NEWER + " AND EXCLUDED.degraded <> dv.degraded THEN $2::timestamptz"
          + "   ELSE dv.degraded_changed_at END,"
          + " condition_at = CASE WHEN " + NEWER + " THEN EXCLUDED.condition_at ELSE dv.condition_at END"
          + " RETURNING dv.campus_id, degraded_changed_at IS NOT DISTINCT FROM $2::timestamptz AS flipped";

  // Locks the progress rows of the commit's streams (made on first use), in (campus, outbox) order: the upsert locks
  // a row whether it inserts or not.
  private static final String LOCK_PROGRESS =
      "INSERT INTO campus_progress (campus_id, outbox_id) SELECT c, o FROM unnest($1::text[], $2::text[]) AS s(c, o) ORDER BY c, o"
          + " ON CONFLICT (campus_id, outbox_id) DO UPDATE SET committed_up_to = campus_progress.committed_up_to";

  // The campuses whose degraded count must be recounted, locked together in campus order before any of them
  // appends to the change feed (whose lock comes last in every transaction that takes it).
  private static final String LOCK_CAMPUSES = "SELECT id FROM campuses WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE";

  private static final int WALK_LIMIT = 100_000;

  /*
   * Sent right after LOCK_PROGRESS on the same connection: the server runs them in order, so this statement's
   * snapshot is taken with the lock ours and sees every commit made before it. `from` is the locked
   * committed-up-to. The contiguous run above it is the rows whose seq - row_number() stays `from`. The walk is
   * skipped at once when from+1 is missing (a lasting gap, such as a dead-lettered event's seq, must not make every
   * later commit scan the campus's log above it) and looks at most WALK_LIMIT seqs ahead (the next commit goes
   * on). The same statement saves the new committed-up-to, marks gaps below it filled and records the first open gap.
   */
  private static final String ADVANCE =
      "WITH prog AS (SELECT committed_up_to AS from_seq FROM campus_progress WHERE campus_id = $1 AND outbox_id = $3),"
          + " first_above AS (SELECT seq AS s FROM events WHERE campus_id = $1 AND outbox_id = $3 AND seq > (SELECT from_seq FROM prog) ORDER BY seq LIMIT 1),"
          + " run AS (SELECT coalesce(max(seq), (SELECT from_seq FROM prog)) AS up_to FROM ("
          + "   SELECT seq, seq - row_number() OVER (ORDER BY seq) AS grp FROM ("
          + "     SELECT DISTINCT seq FROM events WHERE campus_id = $1 AND outbox_id = $3 AND seq > (SELECT from_seq FROM prog)"
          + "     AND (SELECT s FROM first_above) = (SELECT from_seq FROM prog) + 1 ORDER BY seq LIMIT " + WALK_LIMIT + ") s) t"
          + "   WHERE grp = (SELECT from_seq FROM prog)),"
          + " next_above AS (SELECT (SELECT seq FROM events WHERE campus_id = $1 AND outbox_id = $3 AND seq > run.up_to ORDER BY seq LIMIT 1) AS s FROM run),"
          + " saved AS (UPDATE campus_progress SET committed_up_to = run.up_to FROM run"
          + "   WHERE campus_id = $1 AND outbox_id = $3 AND run.up_to > (SELECT from_seq FROM prog)),"
          + " filled AS (UPDATE sequence_gaps SET filled_at = $2 FROM run"
          + "   WHERE campus_id = $1 AND outbox_id = $3 AND filled_at IS NULL AND from_seq <= run.up_to),"
          + " gap AS (INSERT INTO sequence_gaps (campus_id, outbox_id, from_seq, to_seq, detected_at)"
          + "   SELECT $1, $3, run.up_to + 1, next_above.s - 1, $2 FROM run, next_above WHERE next_above.s IS NOT NULL"
          + "   ON CONFLICT (campus_id, outbox_id, from_seq) WHERE filled_at IS NULL DO UPDATE SET to_seq = EXCLUDED.to_seq)"
          + " SELECT run.up_to, next_above.s AS next_seq FROM run, next_above";

  private final Pool pool;
  private final EventCodec codec;
  private final Duration lateBound;

  public EventStore(Pool pool, EventCodec codec, Duration lateBound) {
    this.pool = pool;
    this.codec = codec;
    this.lateBound = lateBound;
  }

  /**
   * Commits the events of one campus's batch. Succeeds once they are all durable; fails (nothing committed)
   * when the database refuses, so the gateway keeps them and sends them again.
   *
   * @param alarmPending whether an event can give an alarm signal: such events are marked for the alarm engine
   */
  public Future<CommitResult> commit(String campus, List<EventEnvelope> events, Instant hubTs, Predicate<EventEnvelope> alarmPending) {
    return commit(prepare(campus, events, hubTs, alarmPending));
  }

  /**
   * The CPU half of a commit (sorting, JSON of the bodies, parameter arrays), separate so callers can run it on a
   * worker thread and keep the event loop free. Thread-safe.
   */
  public PreparedBatch prepare(String campus, List<EventEnvelope> events, Instant hubTs, Predicate<EventEnvelope> alarmPending) {
    return prepare(campus, null, events, hubTs, alarmPending);
  }

  /**
   * As {@link #prepare(String, List, Instant, Predicate)} for a batch from the outbox {@code outboxId} (null: the
   * batch named none, as older gateways send): each outbox numbers its events from 1, so sequences, progress and
   * gaps are kept per (campus, outbox).
   */
  public PreparedBatch prepare(String campus, String outboxId, List<EventEnvelope> events, Instant hubTs,
      Predicate<EventEnvelope> alarmPending) {
    String stream = streamOf(outboxId);
    List<EventEnvelope> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(EventEnvelope::id));
    int n = sorted.size();
    GroupRows.EventRows rows = new GroupRows.EventRows(n);
    TreeMap<String, EventEnvelope> lastByDevice = new TreeMap<>();
    // Per device, the newest event that says something about its condition, and what it says.
    TreeMap<String, EventEnvelope> conditionEvent = new TreeMap<>();
    TreeMap<String, Degradation> condition = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      EventEnvelope e = sorted.get(i);
      long delay = Math.max(0, Duration.between(e.sourceTs(), hubTs).toMillis());
      rows.set(i, e, stream, bodyJson(e), delay > lateBound.toMillis(), delay, alarmPending.test(e));
      lastByDevice.merge(e.device(), e, (a, b) -> a.sourceTs().isAfter(b.sourceTs()) ? a : b);
      Optional<Degradation> said = Degradation.of(e);
      if (said.isPresent()) {
        EventEnvelope before = conditionEvent.get(e.device());
        if (before == null || !before.sourceTs().isAfter(e.sourceTs())) {
          conditionEvent.put(e.device(), e);
          condition.put(e.device(), said.get());
        }
      }
    }
    List<GroupRows.DeviceTouch> touches = new ArrayList<>(lastByDevice.size());
    for (EventEnvelope e : lastByDevice.values()) {
      Degradation said = condition.get(e.device());
      touches.add(new GroupRows.DeviceTouch(e.device(), campus, e.kind().wireName(), SqlTime.odt(e.sourceTs()),
          // The type a body reveals by itself (a heartbeat reveals none, and then the stored type stays).
          DeviceType.inferFrom(e.body()).map(WireNames::of).orElse(null),
          // A camera's status names its NVR; other bodies name no parent, and then the stored one stays.
          e.body() instanceof CameraStatus c ? c.nvr() : null,
          said == null ? null : said.degraded(), said == null ? null : said.reason(),
          said == null ? null : SqlTime.odt(conditionEvent.get(e.device()).sourceTs())));
    }
    List<String> committed = sorted.stream().map(EventEnvelope::id).distinct().toList();
    return new PreparedBatch(campus, stream, hubTs, rows, touches, committed);
  }

  /** A batch ready to commit: made by {@link #prepare}, opaque to others. */
  public record PreparedBatch(String campus, String outbox, Instant hubTs, GroupRows.EventRows rows, List<GroupRows.DeviceTouch> touches,
      List<String> committedIds) {
    /** How many events it holds (a group commit bounds its size by this). */
    public int size() {
      return rows.size();
    }
  }

  public Future<CommitResult> commit(PreparedBatch batch) {
    return commitTogether(List.of(batch)).map(results -> results.get(0));
  }

  /**
   * Commits several batches, of one campus or many, in one transaction: one round trip and one WAL flush for all
   * of them. The statements are those of a single batch over all the members' rows, and every lock is taken in one
   * global order (event ids, device ids, then campuses), so two hubs committing overlapping groups wait for each
   * other instead of deadlocking. Succeeds with each member's result, in the members' order, once all are durable;
   * fails with nothing committed. An event in two members is new for the first only.
   */
  public Future<List<CommitResult>> commitTogether(List<PreparedBatch> members) {
    Instant hubTs = members.stream().map(PreparedBatch::hubTs).max(Comparator.naturalOrder()).orElseThrow();
    OffsetDateTime at = SqlTime.odt(hubTs);
    Tuple insert = GroupRows.insert(members, at);
    GroupRows.Touch touch = GroupRows.touch(members, at);
    List<Stream> streams = members.stream().map(Stream::of).distinct().sorted().toList();
    String[] streamCampuses = streams.stream().map(Stream::campus).toArray(String[]::new);
    String[] streamOutboxes = streams.stream().map(Stream::outbox).toArray(String[]::new);
    return pool.withTransaction(
        conn -> {
          // Sent together (the client pipelines them on the connection), run by the server one after another in
          // this order: one round trip for the whole group instead of one per statement.
          Future<RowSet<Row>> inserted = conn.preparedQuery(INSERT_EVENTS).execute(insert);
          Future<RowSet<Row>> touched = conn.preparedQuery(TOUCH_DEVICES).execute(touch.params());
          Future<RowSet<Row>> locked = conn.preparedQuery(LOCK_PROGRESS)
              // addValue, as Tuple.of(Object, Object...) would spread the second array into elements.
              .execute(Tuple.tuple().addValue(streamCampuses).addValue(streamOutboxes));
          List<Future<RowSet<Row>>> advanced = new ArrayList<>();
          for (Stream stream : streams) {
            advanced.add(conn.preparedQuery(ADVANCE).execute(Tuple.of(stream.campus(), at, stream.outbox())));
          }
          List<Future<RowSet<Row>>> all = new ArrayList<>(List.of(inserted, touched, locked));
          all.addAll(advanced);
          return Future.all(all).compose(done -> {
            Set<String> newIds = new HashSet<>();
            for (Row r : inserted.result()) {
              newIds.add(r.getUUID(0).toString());
            }
            // A device is its campus's own row: a flip recounts that campus.
            java.util.SortedSet<String> flippedCampuses = new java.util.TreeSet<>();
            for (Row r : touched.result()) {
              if (r.getBoolean(1)) {
                flippedCampuses.add(r.getString(0));
              }
            }
            Map<Stream, CommitResult> progress = new HashMap<>();
            for (int i = 0; i < streams.size(); i++) {
              Row p = advanced.get(i).result().iterator().next();
              long upTo = p.getLong("up_to");
              Long next = p.getLong("next_seq");
              progress.put(streams.get(i),
                  new CommitResult(List.of(), Set.of(), upTo, next == null ? null : new CommitResult.SeqRange(upTo + 1, next - 1)));
            }
            List<CommitResult> results = results(members, newIds, progress);
            // Last, as it may append to the change feed, whose lock is held until commit.
            return refreshCampuses(conn, flippedCampuses, hubTs).map(results);
          });
        });
  }

  private static List<CommitResult> results(List<PreparedBatch> members, Set<String> inserted, Map<Stream, CommitResult> progress) {
    Set<String> claimed = new HashSet<>();
    List<CommitResult> out = new ArrayList<>(members.size());
    for (PreparedBatch m : members) {
      Set<String> fresh = new HashSet<>();
      for (String id : m.committedIds()) {
        if (inserted.contains(id) && claimed.add(id)) {
          fresh.add(id);
        }
      }
      CommitResult p = progress.get(Stream.of(m));
      out.add(new CommitResult(m.committedIds(), fresh, p.committedUpTo(), p.openGap()));
    }
    return out;
  }

  private static Future<Void> refreshCampuses(SqlConnection conn, SortedSet<String> campuses, Instant hubTs) {
    if (campuses.isEmpty()) {
      return Future.succeededFuture();
    }
    Future<Void> chain = conn.preparedQuery(LOCK_CAMPUSES).execute(Tuple.of(campuses.toArray(String[]::new))).mapEmpty();
    for (String campus : campuses) {
      chain = chain.compose(v -> CampusStore.refresh(conn, campus, hubTs, false));
    }
    return chain;
  }

  /** One sequence: a campus's events from one outbox ("" for batches that name none). Ordered as locks are taken. */
  private record Stream(String campus, String outbox) implements Comparable<Stream> {
    static Stream of(PreparedBatch b) {
      return new Stream(b.campus(), b.outbox());
    }

    @Override
    public int compareTo(Stream o) {
      int c = campus.compareTo(o.campus);
      return c != 0 ? c : outbox.compareTo(o.outbox);
    }
  }

  /** The outbox_id column's value for batches of {@code outboxId}: '' for batches that name no outbox. */
  public static String streamOf(String outboxId) {
    return outboxId == null ? "" : outboxId;
  }

  /** The campus's committed-up-to for batches that name no outbox, as the database has it now. */
  public Future<Long> committedUpTo(String campus) {
    return committedUpTo(campus, null);
  }

  /** The committed-up-to of the campus's outbox {@code outboxId} (null: batches that name none), as the database has it now. */
  public Future<Long> committedUpTo(String campus, String outboxId) {
    return pool.preparedQuery("SELECT committed_up_to FROM campus_progress WHERE campus_id = $1 AND outbox_id = $2")
        .execute(Tuple.of(campus, streamOf(outboxId)))
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }

  /**
   * Events stored before {@code olderThan} whose alarms were never applied (the hub stopped in between), rebuilt
   * as envelopes; at most {@code limit}, oldest first. One that no longer decodes is skipped (and stays marked).
   */
  public Future<List<EventEnvelope>> pendingAlarms(Instant olderThan, int limit) {
    return pool.preparedQuery(
            "SELECT json_build_object('v', 1, 'id', id, 'campus', campus_id, 'device', device_id, 'kind', kind, 'priority', priority,"
                + " 'seq', seq, 'sourceTs', source_ts, 'gatewayTs', gateway_ts, 'body', body)::text AS envelope"
                + " FROM events WHERE alarm_pending AND hub_ts < $1 ORDER BY hub_ts LIMIT $2")
        .execute(Tuple.of(SqlTime.odt(olderThan), limit))
        .map(rows -> {
          List<EventEnvelope> out = new ArrayList<>();
          for (Row r : rows) {
            var decoded = codec.decodeEnvelope(r.getString("envelope").getBytes(StandardCharsets.UTF_8));
            if (decoded.isOk()) {
              out.add(decoded.orElseThrow());
            }
          }
          return out;
        });
  }

  /** The body's JSON as the envelope carries it (the devices codec's own form). */
  private String bodyJson(EventEnvelope e) {
    return codec.encodeBody(e.body());
  }
}
