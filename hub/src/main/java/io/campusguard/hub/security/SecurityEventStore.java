package io.campusguard.hub.security;

import io.campusguard.hub.store.EventStore;
import io.campusguard.hub.store.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The security events table (one row per piece of evidence) and the sequence look-up behind {@link SecurityEventKind#SEQUENCE_REUSED}. */
public final class SecurityEventStore {
  public static final int MAX_LIMIT = 1000;

  private static final String RECORD =
      "INSERT INTO security_events (kind, campus_id, detail, evidence, first_at, last_at) VALUES ($1, $2, $3, $4, $5, $5)"
          + " ON CONFLICT (evidence) DO UPDATE SET occurrences = security_events.occurrences + 1,"
          + " last_at = greatest(security_events.last_at, EXCLUDED.last_at)"
          + " RETURNING (xmax = 0) AS inserted";

  // One index look-up per sequence number in the outbox's stream (events_stream_seq: campus, outbox, seq), whatever
  // the statistics say. The plain form (seq = ANY(...) ORDER BY seq LIMIT) let PostgreSQL 15, whose statistics
  // still saw the young table nearly empty, read every event of the stream and test each against 500 numbers and 500
  // ids: a quarter of a second per batch at 50,000 events, which held the hub's ingest to a twentieth of its rate.
  // The LIMIT 1 keeps the lateral subquery from being flattened into such a join. A reinstalled gateway's new
  // outbox numbers from 1 again, which is no reuse; gateway_ts still bounds batches naming no outbox (OutboxStreams).
  private static final String REUSED =
      "SELECT s.seq, e.id::text AS id FROM unnest($2::bigint[]) AS s(seq) CROSS JOIN LATERAL"
          + " (SELECT id FROM events WHERE campus_id = $1 AND outbox_id = $6 AND seq = s.seq AND NOT (id = ANY($3::uuid[]))"
          + " AND ($4::timestamptz IS NULL OR gateway_ts >= $4) LIMIT 1) e ORDER BY s.seq LIMIT $5";

  /** A stored event holding a sequence number that a batch brought under another id. */
  public record Reused(long seq, String storedId) {}

  private final Pool pool;

  public SecurityEventStore(Pool pool) {
    this.pool = pool;
  }

  /** Stores the event, or counts it again on the row with the same evidence; succeeds with whether the row is new. */
  public Future<Boolean> record(SecurityEvent e) {
    return pool.preparedQuery(RECORD)
        .execute(Tuple.of(e.kind().wireName(), e.campus(), e.detail(), e.evidence(), SqlTime.odt(e.at())))
        .map(rows -> rows.iterator().next().getBoolean("inserted"));
  }

  /**
   * Stored events of {@code campus}'s outbox {@code outboxId} (null: batches naming none) that hold one of
   * {@code seqs} under an id not in {@code ids}, stamped by their gateway at or after {@code since} (null: any
   * time); at most {@code limit}.
   */
  public Future<List<Reused>> reusedSequences(String campus, String outboxId, List<Long> seqs, List<String> ids, Instant since, int limit) {
    UUID[] uuids = ids.stream().map(UUID::fromString).toArray(UUID[]::new);
    Tuple args = Tuple.tuple().addValue(campus).addValue(seqs.toArray(Long[]::new)).addValue(uuids)
        .addValue(since == null ? null : SqlTime.odt(since)).addValue(limit).addValue(EventStore.streamOf(outboxId));
    return pool.preparedQuery(REUSED)
        .execute(args)
        .map(rows -> {
          List<Reused> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Reused(r.getLong("seq"), r.getString("id")));
          }
          return out;
        });
  }

  /** The most recently seen security events, optionally of one campus, latest first. */
  /** Of {@code devices}, those another campus than {@code campus} has too, with that campus (one each). */
  public Future<java.util.Map<String, String>> elsewhere(String campus, java.util.Collection<String> devices) {
    return pool.preparedQuery("SELECT DISTINCT ON (id) id, campus_id FROM devices WHERE id = ANY($1::text[]) AND campus_id <> $2 ORDER BY id, campus_id")
        .execute(Tuple.of(devices.toArray(String[]::new), campus))
        .map(rows -> {
          java.util.Map<String, String> out = new java.util.TreeMap<>();
          rows.forEach(r -> out.put(r.getString(0), r.getString(1)));
          return out;
        });
  }

  public Future<JsonArray> recent(String campus, int limit) {
    String sql = "SELECT id, kind, campus_id, detail, first_at, last_at, occurrences FROM security_events"
        + (campus == null ? "" : " WHERE campus_id = $2") + " ORDER BY last_at DESC, id DESC LIMIT $1";
    Tuple args = campus == null ? Tuple.of(limit) : Tuple.of(limit, campus);
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject()
            .put("id", r.getLong("id"))
            .put("kind", r.getString("kind"))
            .put("campus", r.getString("campus_id"))
            .put("detail", r.getString("detail"))
            .put("firstAt", r.getOffsetDateTime("first_at").toInstant().toString())
            .put("lastAt", r.getOffsetDateTime("last_at").toInstant().toString())
            .put("occurrences", r.getInteger("occurrences")));
      }
      return out;
    });
  }
}
