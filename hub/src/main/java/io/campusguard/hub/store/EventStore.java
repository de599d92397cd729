package io.campusguard.hub.store;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.codec.EventCodec;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The idempotent event log. One batch is one transaction: insert what is new (a redelivered event hits the
 * primary key and is skipped), walk the campus's contiguous committed sequence forward, record a gap when events
 * beyond it are stored. Rows are inserted in id order and devices touched in id order, so two hubs committing
 * overlapping batches wait for each other instead of deadlocking.
 */
public final class EventStore {
  private static final String INSERT_EVENTS =
      "INSERT INTO events (id, campus_id, seq, kind, priority, device_id, source_ts, gateway_ts, hub_ts, body, late, delay_ms, alarm_pending)"
          + " SELECT id, campus, seq, kind, priority, device, src, gw, $9, body::jsonb, late, delay, pending"
          + " FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],"
          + "  $8::timestamptz[], $10::text[], $11::bool[], $12::bigint[], $13::bool[])"
          + "  AS t(id, campus, seq, kind, priority, device, src, gw, body, late, delay, pending)"
          + " ORDER BY id ON CONFLICT (id) DO NOTHING RETURNING id";

  private static final String TOUCH_DEVICES =
      "INSERT INTO devices (id, campus_id, kind, last_seen_at, device_type, parent_id)"
          + " SELECT d, $1, k, t, dt, p FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[]) AS x(d, k, t, dt, p) ORDER BY d"
          + " ON CONFLICT (id) DO UPDATE SET last_seen_at = greatest(devices.last_seen_at, EXCLUDED.last_seen_at),"
          + " device_type = coalesce(EXCLUDED.device_type, devices.device_type), parent_id = coalesce(EXCLUDED.parent_id, devices.parent_id)";

  // The contiguous run above `from`: for seq = from+1, from+2, ... the difference seq - row_number() stays `from`.
  private static final String WALK =
      "SELECT coalesce(max(seq), $2) AS up_to FROM ("
          + " SELECT seq, seq - row_number() OVER (ORDER BY seq) AS grp"
          + " FROM (SELECT DISTINCT seq FROM events WHERE campus_id = $1 AND seq > $2) s) t WHERE grp = $2";

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
    List<EventEnvelope> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(EventEnvelope::id));
    int n = sorted.size();
    UUID[] ids = new UUID[n];
    String[] campuses = new String[n];
    Long[] seqs = new Long[n];
    String[] kinds = new String[n];
    String[] priorities = new String[n];
    String[] devices = new String[n];
    OffsetDateTime[] sources = new OffsetDateTime[n];
    OffsetDateTime[] gateways = new OffsetDateTime[n];
    String[] bodies = new String[n];
    Boolean[] late = new Boolean[n];
    Long[] delays = new Long[n];
    Boolean[] pending = new Boolean[n];
    TreeMap<String, EventEnvelope> lastByDevice = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      EventEnvelope e = sorted.get(i);
      ids[i] = UUID.fromString(e.id());
      campuses[i] = e.campus();
      seqs[i] = e.seq();
      kinds[i] = e.kind().wireName();
      priorities[i] = e.priority().name();
      devices[i] = e.device();
      sources[i] = SqlTime.odt(e.sourceTs());
      gateways[i] = SqlTime.odt(e.gatewayTs());
      bodies[i] = bodyJson(e);
      long delay = Math.max(0, Duration.between(e.sourceTs(), hubTs).toMillis());
      late[i] = delay > lateBound.toMillis();
      delays[i] = delay;
      pending[i] = alarmPending.test(e);
      lastByDevice.merge(e.device(), e, (a, b) -> a.sourceTs().isAfter(b.sourceTs()) ? a : b);
    }
    Tuple insert =
        Tuple.tuple()
            .addValue(ids).addValue(campuses).addValue(seqs).addValue(kinds).addValue(priorities).addValue(devices)
            .addValue(sources).addValue(gateways).addValue(SqlTime.odt(hubTs)).addValue(bodies).addValue(late)
            .addValue(delays).addValue(pending);
    String[] touchedIds = lastByDevice.keySet().toArray(new String[0]);
    String[] touchedKinds = lastByDevice.values().stream().map(e -> e.kind().wireName()).toArray(String[]::new);
    OffsetDateTime[] touchedAt = lastByDevice.values().stream().map(e -> SqlTime.odt(e.sourceTs())).toArray(OffsetDateTime[]::new);
    // The type a body reveals by itself (a heartbeat reveals none, and then the stored type stays).
    String[] touchedTypes = lastByDevice.values().stream()
        .map(e -> DeviceType.inferFrom(e.body()).map(WireNames::of).orElse(null)).toArray(String[]::new);
    // A camera's status names its NVR; other bodies name no parent, and then the stored one stays.
    String[] touchedParents = lastByDevice.values().stream()
        .map(e -> e.body() instanceof CameraStatus c ? c.nvr() : null).toArray(String[]::new);
    Tuple touch = Tuple.of(campus, touchedIds, touchedKinds, touchedAt, touchedTypes, touchedParents);
    List<String> committed = sorted.stream().map(EventEnvelope::id).distinct().toList();
    return new PreparedBatch(campus, hubTs, insert, touch, committed);
  }

  /** A batch ready to commit: made by {@link #prepare}, opaque to others. */
  public record PreparedBatch(String campus, Instant hubTs, Tuple insert, Tuple touch, List<String> committedIds) {}

  public Future<CommitResult> commit(PreparedBatch batch) {
    String campus = batch.campus();
    return pool.withTransaction(
        conn -> {
          Set<String> inserted = new HashSet<>();
          return conn.preparedQuery(INSERT_EVENTS).execute(batch.insert())
              .compose(rows -> {
                for (Row r : rows) {
                  inserted.add(r.getUUID(0).toString());
                }
                return conn.preparedQuery("INSERT INTO campuses (id) VALUES ($1) ON CONFLICT (id) DO NOTHING").execute(Tuple.of(campus));
              })
              .compose(v -> conn.preparedQuery(TOUCH_DEVICES).execute(batch.touch()))
              .compose(v -> advance(conn, campus, batch.hubTs()))
              .map(progress -> new CommitResult(batch.committedIds(), inserted, progress.upTo, progress.gap));
        });
  }

  private record Progress(long upTo, CommitResult.SeqRange gap) {}

  /** Walks committedUpTo forward under the campus's progress row lock, and keeps sequence_gaps current. */
  private Future<Progress> advance(SqlConnection conn, String campus, Instant now) {
    return conn.preparedQuery("INSERT INTO campus_progress (campus_id) VALUES ($1) ON CONFLICT (campus_id) DO NOTHING")
        .execute(Tuple.of(campus))
        .compose(v -> conn.preparedQuery("SELECT committed_up_to FROM campus_progress WHERE campus_id = $1 FOR UPDATE").execute(Tuple.of(campus)))
        .compose(rows -> {
          long from = rows.iterator().next().getLong(0);
          return conn.preparedQuery(WALK).execute(Tuple.of(campus, from)).map(r -> new long[] {from, r.iterator().next().getLong(0)});
        })
        .compose(fromTo -> {
          long upTo = fromTo[1];
          Future<?> saved = upTo == fromTo[0]
              ? Future.succeededFuture()
              : conn.preparedQuery("UPDATE campus_progress SET committed_up_to = $2 WHERE campus_id = $1").execute(Tuple.of(campus, upTo));
          return saved
              .compose(v -> conn.preparedQuery("UPDATE sequence_gaps SET filled_at = $3 WHERE campus_id = $1 AND filled_at IS NULL AND from_seq <= $2")
                  .execute(Tuple.of(campus, upTo, SqlTime.odt(now))))
              .compose(v -> conn.preparedQuery("SELECT min(seq) FROM events WHERE campus_id = $1 AND seq > $2").execute(Tuple.of(campus, upTo)))
              .compose(rows -> {
                Long next = rows.iterator().next().getLong(0);
                if (next == null) {
                  return Future.succeededFuture(new Progress(upTo, null));
                }
                CommitResult.SeqRange gap = new CommitResult.SeqRange(upTo + 1, next - 1);
                return conn.preparedQuery(
                        "INSERT INTO sequence_gaps (campus_id, from_seq, to_seq, detected_at) VALUES ($1, $2, $3, $4)"
                            + " ON CONFLICT (campus_id, from_seq) WHERE filled_at IS NULL DO UPDATE SET to_seq = EXCLUDED.to_seq")
                    .execute(Tuple.of(campus, gap.from(), gap.to(), SqlTime.odt(now)))
                    .map(v -> new Progress(upTo, gap));
              });
        });
  }

  /** The campus's committed-up-to, as the database has it now. */
  public Future<Long> committedUpTo(String campus) {
    return pool.preparedQuery("SELECT committed_up_to FROM campus_progress WHERE campus_id = $1").execute(Tuple.of(campus))
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
            var decoded = codec.decodeEnvelope(r.getString("envelope").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (decoded.isOk()) {
              out.add(decoded.orElseThrow());
            }
          }
          return out;
        });
  }

  /**
   * The body's JSON as the devices codec writes it. Its device form is {@code {"ts":"<instant>", ...fields}}; the
   * body is that without the leading ts field, which saves a parse per event.
   */
  private String bodyJson(EventEnvelope e) {
    String device = new String(codec.encodeDevice(e.sourceTs(), e.body()), StandardCharsets.UTF_8);
    String prefix = "{\"ts\":\"" + e.sourceTs() + "\"";
    if (!device.startsWith(prefix)) {
      throw new IllegalStateException("unexpected device JSON from the codec");
    }
    String rest = device.substring(prefix.length());
    return rest.startsWith(",") ? "{" + rest.substring(1) : "{" + rest;
  }
}
