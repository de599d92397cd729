package io.campusguard.gateway.outbox;

import io.campusguard.devices.CodecLimits;
import io.campusguard.devices.CommitAck;
import io.campusguard.devices.Decoded;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.GatewayHealth.LaneStats;
import io.campusguard.devices.codec.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.sqlite.SQLiteConfig;
import org.slf4j.LoggerFactory;

/**
 * The gateway's durable outbox: an SQLite database in WAL mode with one lane per {@link Priority}.
 *
 * <p>Every database access runs on one dedicated writer thread that owns the only connection, never on a
 * Vert.x event loop. Appends are group-committed: the writer takes every pending append, writes them in one
 * transaction and only then completes their futures. A transaction holding an alarm (P0 or P1) runs with
 * {@code synchronous=FULL}, so the WAL is fsynced before any future completes; telemetry-only transactions
 * run with {@code synchronous=NORMAL} (durable against a process crash, not a power cut).
 *
 * <p>The sequence number is the campus's: stored in the database, assigned at commit, never reused, and it
 * survives restarts. Futures are completed on the writer thread; callers hop back to their own context.
 *
 * <p>The event id is unique in the outbox: appending an id that is already stored (a device publish delivered
 * again, whose id {@link EventIds#forDeviceMessage} derived from the publish itself) stores nothing, takes no
 * sequence number, and completes with the envelope stored first. Such copies are counted
 * ({@link #duplicatesCollapsed()}).
 *
 * <p>Acked ids are remembered: the transaction that deletes what a commit ack covers keeps each deleted event's
 * id, sequence, lane and gatewayTs as a tombstone, for {@link OutboxConfig#ackedIdsKeptFor()} and at most
 * {@link OutboxConfig#ackedIdsMaxRows()} rows (pruned on the writer thread, oldest first). A copy that arrives
 * after the hub acked its event (the campus broker redelivering a publish we stored but died before acking)
 * then collapses like any duplicate: nothing stored, no sequence number taken, counted, and the future
 * completes with the envelope as it was sent, so the broker or device gets its ack. Without this the copy
 * would take a new sequence number that the hub, which keeps the first copy by id, never commits: a permanent
 * gap that stops its committed-up-to. A copy later than the tombstone's window is stored again; the hub's
 * unique id still collapses it, at the cost of that gap.
 *
 * <p>A file that cannot be opened is never wiped nor changed: the outbox starts a fresh file beside it
 * ({@link #unreadableFile()} then names the kept one, and the gateway raises an {@code outbox_unreadable}
 * alarm). The fresh file's sequence starts at the current epoch milliseconds, above anything the kept file can
 * hold, so the hub never mistakes new events for old committed ones.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  static final String FRESH_SUFFIX = ".fresh-after-unreadable.db";
  /** Events in the outbox may be old (a long outage) or stamped by a clock that later stepped back. */
  private static final Duration STORED_TS_TOLERANCE = Duration.ofDays(3650);
  private static final long ACKED_PRUNE_INTERVAL_MS = 60_000;

  private final OutboxConfig config;
  private final Clock clock;
  private final Path file;
  private final Path unreadableFile;
  private final Connection db;
  private final EventCodec codec;
  private final BlockingQueue<Op> ops = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final AtomicLong deadLettersSinceStart = new AtomicLong();
  private final AtomicLong duplicatesCollapsed = new AtomicLong();
  private final AtomicLong writeFailures = new AtomicLong();
  private volatile LaneStatsSnapshot stats = LaneStatsSnapshot.EMPTY;
  private volatile Consumer<Set<Priority>> appendListener = lanes -> {};
  private volatile boolean closing;

  // Owned by the writer thread.
  private final long[] depth = new long[4];
  private final long[] dropped = new long[4];
  private long lastSeq;
  /** Set once while opening, before the writer thread starts. */
  private String outboxId;
  private Boolean fullSync;
  /** Rows in {@code acked}, or more (a replaced row counts again): only decides when to prune. */
  private long ackedRows;
  private long lastAckedPruneMs;
  /** Statements prepared once and kept for the connection's life (used on the writer thread only). */
  private final Map<String, PreparedStatement> prepared = new java.util.HashMap<>();

  private Outbox(OutboxConfig config, Clock clock, Path file, Path unreadableFile, Connection db) throws SQLException {
    this.config = config;
    this.clock = clock;
    this.file = file;
    this.unreadableFile = unreadableFile;
    this.db = db;
    this.codec =
        new EventCodec(
            new CodecLimits(4 * CodecLimits.DEFAULT_MAX_PAYLOAD_BYTES, STORED_TS_TOLERANCE, STORED_TS_TOLERANCE),
            CodecLimits.DEFAULT_MAX_BATCH_BYTES,
            clock);
    loadState(unreadableFile != null);
    this.writer = new Thread(this::runWriter, "outbox-writer-" + file.getFileName());
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Opens (or creates) the outbox at {@code config.file()}. When that file exists but cannot be opened as
   * an outbox, it is left untouched and a fresh outbox is used beside it.
   *
   * @throws OutboxUnavailableException when neither the file nor a fresh one beside it can be opened
   */
  public static Outbox open(OutboxConfig config, Clock clock) throws OutboxUnavailableException {
    Path primary = config.file().toAbsolutePath();
    try {
      Files.createDirectories(primary.getParent());
    } catch (IOException e) {
      throw new OutboxUnavailableException("outbox.file: cannot create the folder of " + primary + ": " + e, e);
    }
    Exception primaryFailure;
    try {
      if (Files.exists(primary)) {
        probeReadOnly(primary);
      }
      return new Outbox(config, clock, primary, null, openReadWrite(primary));
    } catch (SQLException e) {
      primaryFailure = e;
    }
    Path fresh = primary.resolveSibling(primary.getFileName() + FRESH_SUFFIX);
    LOG.error(
        "outbox {} cannot be opened ({}); it is kept untouched for inspection, continuing with {}",
        primary, primaryFailure.getMessage(), fresh);
    try {
      return new Outbox(config, clock, fresh, primary, openReadWrite(fresh));
    } catch (SQLException e) {
      OutboxUnavailableException failure =
          new OutboxUnavailableException(
              "outbox.file: " + primary + " cannot be opened (" + primaryFailure.getMessage() + ") and neither can "
                  + fresh + " (" + e.getMessage() + ")",
              e);
      failure.addSuppressed(primaryFailure);
      throw failure;
    }
  }

  /** Reads the schema without writing anything, so a damaged file is refused before we touch it. */
  private static void probeReadOnly(Path path) throws SQLException {
    SQLiteConfig readOnly = new SQLiteConfig();
    readOnly.setReadOnly(true);
    try (Connection c = readOnly.createConnection("jdbc:sqlite:" + path);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      boolean any = false;
      boolean hasEvents = false;
      while (rs.next()) {
        any = true;
        hasEvents |= "events".equals(rs.getString(1));
      }
      if (any && !hasEvents) {
        throw new SQLException("a database, but not an outbox (no events table)");
      }
    }
  }

  private static Connection openReadWrite(Path path) throws SQLException {
    SQLiteConfig settings = new SQLiteConfig();
    // Otherwise the driver matches every statement against a regex and runs SELECT last_insert_rowid() after
    // each insert: a third of the writer's time per append, for keys nothing here reads.
    settings.setGetGeneratedKeys(false);
    Connection c = settings.createConnection("jdbc:sqlite:" + path);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
        if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
          throw new SQLException("cannot switch to WAL mode");
        }
      }
      s.execute("PRAGMA synchronous = FULL");
      s.execute(
          "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
              + "lane INTEGER NOT NULL, gateway_ts INTEGER NOT NULL, envelope BLOB NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS events_by_lane ON events (lane, seq)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS acked (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, lane INTEGER NOT NULL, "
              + "gateway_ts INTEGER NOT NULL, acked_at INTEGER NOT NULL) WITHOUT ROWID");
      s.execute("CREATE INDEX IF NOT EXISTS acked_by_time ON acked (acked_at)");
      s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS identity (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS dead_letters (n INTEGER PRIMARY KEY AUTOINCREMENT, received_at INTEGER NOT NULL, "
              + "topic TEXT NOT NULL, payload TEXT NOT NULL, payload_bytes INTEGER NOT NULL, field TEXT NOT NULL, "
              + "reason TEXT NOT NULL, detail TEXT NOT NULL)");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void loadState(boolean freshAfterUnreadable) throws SQLException {
    try (Statement s = db.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT max(coalesce((SELECT value FROM meta WHERE key = 'last_seq'), 0), "
          + "coalesce((SELECT max(seq) FROM events), 0))")) {
        lastSeq = rs.next() ? rs.getLong(1) : 0;
      }
      if (lastSeq == 0 && freshAfterUnreadable) {
        lastSeq = clock.millis();
        s.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_seq', " + lastSeq + ")");
      }
      try (ResultSet rs = s.executeQuery("SELECT value FROM identity WHERE key = 'outbox_id'")) {
        outboxId = rs.next() ? rs.getString(1) : null;
      }
      if (outboxId == null || !EventIds.isValid(outboxId)) {
        outboxId = EventIds.next();
        s.execute("INSERT OR REPLACE INTO identity (key, value) VALUES ('outbox_id', '" + outboxId + "')");
      }
      try (ResultSet rs = s.executeQuery("SELECT lane, count(*) FROM events GROUP BY lane")) {
        while (rs.next()) {
          depth[rs.getInt(1)] = rs.getLong(2);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM acked")) {
        ackedRows = rs.next() ? rs.getLong(1) : 0;
      }
    }
    refreshStats();
  }

  // ---- the API: every method is safe from any thread and never blocks on the database ----

  /**
   * This outbox's id: made with the file and kept in it, so it survives restarts (the sequence goes on) and a
   * fresh outbox (a reinstalled gateway, whose sequence starts again) has a new one. Batches carry it, so the hub
   * can tell a legitimate sequence reset from a replayed or substituted stream.
   */
  public String outboxId() {
    return outboxId;
  }

  /**
   * Appends one event the gateway made itself (made once, so a new random id is right), as
   * {@link #append(DeviceMessage, Priority, String)} with {@link EventIds#next()}.
   */
  public CompletableFuture<EventEnvelope> append(DeviceMessage message, Priority priority) {
    return append(message, priority, EventIds.next());
  }

  /**
   * Appends one event to its lane under {@code id}. The future completes, on the writer thread, with the
   * envelope (the id, its sequence and gatewayTs) once the transaction holding it is committed, fsynced for P0
   * and P1. When an event with this id is already in the outbox, nothing is written and the future completes
   * with that stored envelope (its sequence and gatewayTs). It fails when the transaction fails; nothing was
   * then stored.
   *
   * @param id a canonical UUID ({@link EventIds#isValid}); for a device publish, {@link EventIds#forDeviceMessage}
   * @throws IllegalArgumentException when {@code id} is not a canonical UUID (a programming error, not an outcome)
   */
  public CompletableFuture<EventEnvelope> append(DeviceMessage message, Priority priority, String id) {
    Append op = new Append(message, priority, EventIds.require("id", id), true, new CompletableFuture<>());
    submit(op);
    return op.done;
  }

  /**
   * As {@link #append(DeviceMessage, Priority, String)} for a copy expected to collapse (the same publish
   * delivered by a second subscription on purpose): when it does, it is not counted in
   * {@link #duplicatesCollapsed()}, which counts the redeliveries nobody planned.
   */
  public CompletableFuture<EventEnvelope> appendExpectedCopy(DeviceMessage message, Priority priority, String id) {
    Append op = new Append(message, priority, EventIds.require("id", id), false, new CompletableFuture<>());
    submit(op);
    return op.done;
  }

  /** Keeps a refused device input; completes once written. */
  public CompletableFuture<Void> deadLetter(DeadLetter letter) {
    deadLettersSinceStart.incrementAndGet();
    StoreDeadLetter op = new StoreDeadLetter(letter, new CompletableFuture<>());
    submit(op);
    return op.done;
  }

  /**
   * The next events to send: P0 first, then P1, P2, P3, each lane oldest first, at most {@code limit} in all,
   * only those with a sequence above the lane's cursor in {@code afterSeq} (missing lanes: from the start).
   */
  public CompletableFuture<List<EventEnvelope>> next(Map<Priority, Long> afterSeq, int limit) {
    return next(afterSeq, limit, limit);
  }

  /** As {@link #next(Map, int)}, with at most {@code maxP0} events of the P0 lane (each needs a publish of its own). */
  public CompletableFuture<List<EventEnvelope>> next(Map<Priority, Long> afterSeq, int limit, int maxP0) {
    return nextStored(afterSeq, limit, maxP0).thenApply(this::decodeAll);
  }

  /**
   * As {@link #next(Map, int, int)}, but the events as stored, not decoded: what the uplink sends. Completes on
   * the writer thread.
   */
  public CompletableFuture<List<StoredEvent>> nextStored(Map<Priority, Long> afterSeq, int limit, int maxP0) {
    return nextStored(afterSeq, limit, maxP0, limit);
  }

  /**
   * As {@link #nextStored(Map, int, int)}, with at most {@code maxOthers} events of the other lanes together: room
   * kept for alarms is never filled with telemetry the uplink could not send now.
   */
  public CompletableFuture<List<StoredEvent>> nextStored(Map<Priority, Long> afterSeq, int limit, int maxP0, int maxOthers) {
    Read op = new Read(Map.copyOf(afterSeq), limit, maxP0, maxOthers, new CompletableFuture<>());
    submit(op);
    return op.done;
  }

  private List<EventEnvelope> decodeAll(List<StoredEvent> stored) {
    List<EventEnvelope> out = new ArrayList<>(stored.size());
    for (StoredEvent e : stored) {
      Decoded<EventEnvelope> d = codec.decodeEnvelope(e.envelope());
      if (d.isOk()) {
        out.add(d.orElseThrow());
      } else {
        // Cannot happen for rows we wrote; if it does, keep the row for inspection and go on.
        LOG.error("outbox {}: stored event seq {} does not decode: {}", file, e.seq(), d.rejection());
      }
    }
    return out;
  }

  /**
   * Deletes what the hub's commit ack covers: its event ids and every sequence up to {@code committedUpTo}.
   * Completes with the number of events deleted.
   */
  public CompletableFuture<Integer> acknowledge(CommitAck ack) {
    Acknowledge op = new Acknowledge(ack, new CompletableFuture<>());
    submit(op);
    return op.done;
  }

  /** The most recent dead letters, newest first, for inspection. */
  public CompletableFuture<List<DeadLetter>> recentDeadLetters(int limit) {
    ListDeadLetters op = new ListDeadLetters(limit, new CompletableFuture<>());
    submit(op);
    return op.done;
  }

  /** Depth, age of the oldest waiting event and drops since start, per lane, as of the last write. */
  public Map<Priority, LaneStats> laneStats() {
    return stats.at(clock.instant());
  }

  /** Device inputs refused since start. */
  public long deadLettersSinceStart() {
    return deadLettersSinceStart.get();
  }

  /** Group commits of appends or dead letters that failed since start (each failed its callers' futures). */
  public long writeFailures() {
    return writeFailures.get();
  }

  /** Appends since start whose id was already stored (redelivered copies), answered with the stored event. */
  public long duplicatesCollapsed() {
    return duplicatesCollapsed.get();
  }

  /** Called on the writer thread after each commit of appends with the lanes written; must not block. */
  public void onAppended(Consumer<Set<Priority>> listener) {
    this.appendListener = listener;
  }

  /** The database file in use. */
  public Path file() {
    return file;
  }

  /** When the configured file could not be opened: that file, kept untouched. */
  public Optional<Path> unreadableFile() {
    return Optional.ofNullable(unreadableFile);
  }

  /** Finishes what is queued, then closes the database. */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    ops.add(new Stop());
    try {
      writer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      for (PreparedStatement p : prepared.values()) {
        p.close();
      }
      db.close();
    } catch (SQLException e) {
      LOG.warn("closing outbox {}: {}", file, e.getMessage());
    }
  }

  private void submit(Op op) {
    if (closing) {
      op.fail(new IllegalStateException("outbox " + file + " is closed"));
      return;
    }
    ops.add(op);
  }

  // ---- the writer thread ----

  private void runWriter() {
    List<Op> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      batch.clear();
      try {
        batch.add(ops.take());
      } catch (InterruptedException e) {
        break;
      }
      ops.drainTo(batch, config.maxAppendsPerTransaction() - 1);
      List<Op> writes = new ArrayList<>();
      List<Acknowledge> acks = new ArrayList<>();
      List<Op> others = new ArrayList<>();
      for (Op op : batch) {
        if (op instanceof Stop) {
          stop = true;
        } else if (op instanceof Append || op instanceof StoreDeadLetter) {
          writes.add(op);
        } else if (op instanceof Acknowledge a) {
          acks.add(a);
        } else {
          others.add(op);
        }
      }
      // Reads first: they see every earlier commit and need not wait for this round's fsync (an alarm just
      // committed goes out without waiting behind the next group commit). Never let the writer die: a failed
      // step has failed its own futures, the next round may succeed.
      others.forEach(this::runOther);
      if (!acks.isEmpty()) {
        commitAcks(acks);
      }
      if (!writes.isEmpty()) {
        try {
          commitWrites(writes);
        } catch (RuntimeException | SQLException e) {
          writeFailures.incrementAndGet();
          // A failure before the transaction began (the file locked or gone) has failed no future yet.
          writes.forEach(op -> op.fail(e));
          LOG.error("outbox {}: commit of {} writes failed", file, writes.size(), e);
        }
      }
    }
    for (Op op = ops.poll(); op != null; op = ops.poll()) {
      op.fail(new IllegalStateException("outbox " + file + " is closed"));
    }
  }

  private void commitWrites(List<Op> writes) throws SQLException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    long seqBefore = lastSeq;
    long[] depthBefore = depth.clone();
    long[] droppedBefore = dropped.clone();
    List<Append> appended = new ArrayList<>();
    List<EventEnvelope> envelopes = new ArrayList<>();
    int collapsed = 0;
    List<StoreDeadLetter> letters = new ArrayList<>();
    boolean alarm = false;
    for (Op op : writes) {
      if (op instanceof Append a) {
        alarm |= a.priority.isAlarmLane();
        appended.add(a);
      } else {
        letters.add((StoreDeadLetter) op);
      }
    }
    setFullSync(alarm);
    EnumSet<Priority> lanes = EnumSet.noneOf(Priority.class);
    try (Statement s = db.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        if (!appended.isEmpty()) {
          // OR IGNORE: only the id can clash (seq is ours and new); a clash means the event is stored already.
          // NOT EXISTS: an id the hub acked already is not stored again (see the class comment).
          {
            PreparedStatement insert = prepared(
                "INSERT OR IGNORE INTO events (seq, id, lane, gateway_ts, envelope) SELECT ?, ?, ?, ?, ? "
                    + "WHERE NOT EXISTS (SELECT 1 FROM acked WHERE id = ?)");
            PreparedStatement stored = prepared("SELECT seq, lane, gateway_ts, envelope FROM events WHERE id = ?");
            PreparedStatement acked = prepared("SELECT seq, lane, gateway_ts FROM acked WHERE id = ?");
            for (Append a : appended) {
              EventEnvelope e = EventEnvelope.of(a.message, a.id, a.priority, lastSeq + 1, now);
              insert.setLong(1, e.seq());
              insert.setString(2, e.id());
              insert.setInt(3, e.priority().ordinal());
              insert.setLong(4, now.toEpochMilli());
              insert.setBytes(5, codec.encodeEnvelope(e));
              insert.setString(6, e.id());
              if (insert.executeUpdate() == 1) {
                lastSeq++;
                depth[e.priority().ordinal()]++;
                lanes.add(e.priority());
              } else {
                // Also finds a copy appended earlier in this very transaction.
                e = storedEnvelope(stored, acked, a);
                collapsed += a.countCollapse ? 1 : 0;
              }
              envelopes.add(e);
            }
          }
          s.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_seq', " + lastSeq + ")");
          trimLane(Priority.P2, config.p2MaxEvents());
          trimLane(Priority.P3, config.p3MaxEvents());
        }
        if (!letters.isEmpty()) {
          storeDeadLetters(letters);
        }
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        try {
          s.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        lastSeq = seqBefore;
        System.arraycopy(depthBefore, 0, depth, 0, depth.length);
        System.arraycopy(droppedBefore, 0, dropped, 0, dropped.length);
        writes.forEach(op -> op.fail(e));
        throw e;
      }
    }
    duplicatesCollapsed.addAndGet(collapsed);
    refreshStatsQuietly(); // before the futures complete, so a caller sees its own append in the stats
    for (int i = 0; i < appended.size(); i++) {
      appended.get(i).done.complete(envelopes.get(i));
    }
    letters.forEach(l -> l.done.complete(null));
    if (!lanes.isEmpty()) {
      try {
        appendListener.accept(lanes);
      } catch (RuntimeException e) {
        LOG.warn("outbox append listener failed", e);
      }
    }
  }

  /** The envelope stored under {@code a}'s id, as it was first appended (and perhaps acked since). */
  private EventEnvelope storedEnvelope(PreparedStatement stored, PreparedStatement acked, Append a) throws SQLException {
    stored.setString(1, a.id);
    try (ResultSet rs = stored.executeQuery()) {
      if (!rs.next()) {
        return ackedEnvelope(acked, a);
      }
      Decoded<EventEnvelope> d = codec.decodeEnvelope(rs.getBytes(4));
      if (d.isOk()) {
        return d.orElseThrow();
      }
      // Cannot happen for rows we wrote; the columns still say where and when it was stored.
      LOG.error("outbox {}: stored event {} does not decode ({}); answering from its columns", file, a.id, d.rejection());
      return EventEnvelope.of(a.message, a.id, Priority.values()[rs.getInt(2)], rs.getLong(1), Instant.ofEpochMilli(rs.getLong(3)));
    }
  }

  /** The envelope of an acked event, rebuilt from this copy of its publish and the tombstone's columns. */
  private EventEnvelope ackedEnvelope(PreparedStatement acked, Append a) throws SQLException {
    acked.setString(1, a.id);
    try (ResultSet rs = acked.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("event " + a.id + " was neither inserted nor found");
      }
      return EventEnvelope.of(a.message, a.id, Priority.values()[rs.getInt(2)], rs.getLong(1), Instant.ofEpochMilli(rs.getLong(3)));
    }
  }

  private void setFullSync(boolean full) throws SQLException {
    if (fullSync == null || fullSync != full) {
      try (Statement s = db.createStatement()) {
        s.execute(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
      }
      fullSync = full;
    }
  }

  /** Drops the oldest events of a bounded lane beyond its bound, counting each one. */
  private void trimLane(Priority lane, int max) throws SQLException {
    int i = lane.ordinal();
    long excess = depth[i] - max;
    if (excess <= 0) {
      return;
    }
    try (PreparedStatement del =
        db.prepareStatement("DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE lane = ? ORDER BY seq LIMIT ?)")) {
      del.setInt(1, i);
      del.setLong(2, excess);
      int n = del.executeUpdate();
      depth[i] -= n;
      dropped[i] += n;
    }
  }

  private void storeDeadLetters(List<StoreDeadLetter> letters) throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO dead_letters (received_at, topic, payload, payload_bytes, field, reason, detail) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (StoreDeadLetter l : letters) {
        DeadLetter d = l.letter;
        insert.setLong(1, d.receivedAt().toEpochMilli());
        insert.setString(2, d.topic());
        insert.setString(3, d.payload());
        insert.setInt(4, d.payloadBytes());
        insert.setString(5, d.field());
        insert.setString(6, d.reason());
        insert.setString(7, d.detail());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement trim =
        db.prepareStatement("DELETE FROM dead_letters WHERE n <= (SELECT max(n) FROM dead_letters) - ?")) {
      trim.setInt(1, config.deadLetterMaxRows());
      trim.executeUpdate();
    }
  }

  private void runOther(Op op) {
    try {
      if (op instanceof Read r) {
        r.done.complete(read(r));
      } else if (op instanceof ListDeadLetters l) {
        l.done.complete(listDeadLetters(l.limit));
      }
    } catch (SQLException | RuntimeException e) {
      op.fail(e);
    }
  }

  private List<StoredEvent> read(Read r) throws SQLException {
    List<StoredEvent> out = new ArrayList<>();
    {
      PreparedStatement q = prepared("SELECT seq, id, envelope FROM events WHERE lane = ? AND seq > ? ORDER BY seq LIMIT ?");
      int others = 0;
      for (Priority lane : Priority.values()) {
        int room = r.limit - out.size();
        if (room <= 0) {
          break;
        }
        room = Math.min(room, lane == Priority.P0 ? r.maxP0 : r.maxOthers - others);
        if (room <= 0) {
          continue;
        }
        q.setInt(1, lane.ordinal());
        q.setLong(2, r.afterSeq.getOrDefault(lane, 0L));
        q.setInt(3, room);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredEvent(rs.getString(2), rs.getLong(1), lane, rs.getBytes(3)));
            others += lane == Priority.P0 ? 0 : 1;
          }
        }
      }
    }
    return out;
  }

  /**
   * Deletes what a round's commit acks cover, keeping their ids as tombstones, in one transaction without
   * fsync: a delete lost to a power cut only makes the hub see an event again, under the same id.
   */
  private void commitAcks(List<Acknowledge> acks) {
    int[] deleted = new int[acks.size()];
    long now = clock.millis();
    try {
      setFullSync(false);
      try (Statement s = db.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        try {
          // An ack's ids go in as one JSON array (json_each), two statements per ack rather than two per id.
          PreparedStatement keepIds = prepared(
              "INSERT OR REPLACE INTO acked (id, seq, lane, gateway_ts, acked_at) "
                  + "SELECT id, seq, lane, gateway_ts, ? FROM events WHERE id IN (SELECT value FROM json_each(?))");
          PreparedStatement byIds = prepared("DELETE FROM events WHERE id IN (SELECT value FROM json_each(?)) RETURNING lane");
          PreparedStatement keepUpTo = prepared(
              "INSERT OR REPLACE INTO acked (id, seq, lane, gateway_ts, acked_at) "
                  + "SELECT id, seq, lane, gateway_ts, ? FROM events WHERE seq <= ?");
          PreparedStatement upTo = prepared("DELETE FROM events WHERE seq <= ? RETURNING lane");
          for (int i = 0; i < acks.size(); i++) {
            CommitAck ack = acks.get(i).ack;
            if (!ack.eventIds().isEmpty()) {
              String ids = jsonArray(ack.eventIds());
              keepIds.setLong(1, now);
              keepIds.setString(2, ids);
              ackedRows += keepIds.executeUpdate();
              byIds.setString(1, ids);
              deleted[i] += countDeleted(byIds);
            }
            if (ack.committedUpTo() > 0) {
              keepUpTo.setLong(1, now);
              keepUpTo.setLong(2, ack.committedUpTo());
              ackedRows += keepUpTo.executeUpdate();
              upTo.setLong(1, ack.committedUpTo());
              deleted[i] += countDeleted(upTo);
            }
          }
          pruneAckedIds(now);
          s.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          s.execute("ROLLBACK");
          recountDepth(); // depth was decremented for rows that are back
          throw e;
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.error("outbox {}: deleting acked events failed; they stay and will be sent again", file, e);
      acks.forEach(a -> a.fail(e));
      return;
    }
    refreshStatsQuietly();
    for (int i = 0; i < acks.size(); i++) {
      acks.get(i).done.complete(deleted[i]);
    }
  }

  /**
   * Forgets acked ids older than the window (checked at most once a minute) and the oldest beyond the row bound.
   * Runs inside the ack transaction, on the writer thread.
   */
  private void pruneAckedIds(long nowMs) throws SQLException {
    boolean due = nowMs - lastAckedPruneMs >= ACKED_PRUNE_INTERVAL_MS || nowMs < lastAckedPruneMs;
    if (!due && ackedRows <= config.ackedIdsMaxRows()) {
      return;
    }
    lastAckedPruneMs = nowMs;
    try (PreparedStatement old = db.prepareStatement("DELETE FROM acked WHERE acked_at < ?");
        Statement s = db.createStatement()) {
      old.setLong(1, nowMs - config.ackedIdsKeptFor().toMillis());
      old.executeUpdate();
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM acked")) {
        ackedRows = rs.next() ? rs.getLong(1) : 0;
      }
      long excess = ackedRows - config.ackedIdsMaxRows();
      if (excess > 0) {
        try (PreparedStatement oldest = db.prepareStatement(
            "DELETE FROM acked WHERE id IN (SELECT id FROM acked ORDER BY acked_at LIMIT ?)")) {
          oldest.setLong(1, excess);
          ackedRows -= oldest.executeUpdate();
        }
      }
    }
  }

  /** The ids as a JSON array; they are canonical UUIDs ({@link CommitAck} checks), so nothing needs escaping. */
  private static String jsonArray(List<String> ids) {
    StringBuilder json = new StringBuilder(ids.size() * 39 + 2).append('[');
    for (String id : ids) {
      json.append(json.length() == 1 ? "\"" : ",\"").append(id).append('"');
    }
    return json.append(']').toString();
  }

  private int countDeleted(PreparedStatement returningLane) throws SQLException {
    int n = 0;
    try (ResultSet rs = returningLane.executeQuery()) {
      while (rs.next()) {
        depth[rs.getInt(1)]--;
        n++;
      }
    }
    return n;
  }

  private void recountDepth() throws SQLException {
    java.util.Arrays.fill(depth, 0);
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT lane, count(*) FROM events GROUP BY lane")) {
      while (rs.next()) {
        depth[rs.getInt(1)] = rs.getLong(2);
      }
    }
  }

  private List<DeadLetter> listDeadLetters(int limit) throws SQLException {
    List<DeadLetter> out = new ArrayList<>();
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT received_at, topic, payload, payload_bytes, field, reason, detail FROM dead_letters "
                + "ORDER BY n DESC LIMIT ?")) {
      q.setInt(1, limit);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(
              new DeadLetter(
                  Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getInt(4),
                  rs.getString(5), rs.getString(6), rs.getString(7)));
        }
      }
    }
    return out;
  }

  private void refreshStatsQuietly() {
    try {
      refreshStats();
    } catch (RuntimeException | SQLException e) {
      LOG.error("outbox {}: reading lane stats failed", file, e);
    }
  }

  private void refreshStats() throws SQLException {
    Instant[] oldest = new Instant[4];
    {
      PreparedStatement q = prepared("SELECT gateway_ts FROM events WHERE lane = ? ORDER BY seq LIMIT 1");
      for (Priority lane : Priority.values()) {
        if (depth[lane.ordinal()] == 0) {
          continue;
        }
        q.setInt(1, lane.ordinal());
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            oldest[lane.ordinal()] = Instant.ofEpochMilli(rs.getLong(1));
          }
        }
      }
    }
    stats = new LaneStatsSnapshot(depth.clone(), oldest, dropped.clone());
  }

  /** The statement for {@code sql}, prepared on first use; never close it, {@link #close} does. */
  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement p = prepared.get(sql);
    if (p == null) {
      p = db.prepareStatement(sql);
      prepared.put(sql, p);
    }
    return p;
  }

  // ---- operations queued to the writer ----

  private sealed interface Op permits Append, StoreDeadLetter, Read, Acknowledge, ListDeadLetters, Stop {
    default void fail(Throwable t) {}
  }

  private record Append(DeviceMessage message, Priority priority, String id, boolean countCollapse, CompletableFuture<EventEnvelope> done)
      implements Op {
    @Override
    public void fail(Throwable t) {
      done.completeExceptionally(t);
    }
  }

  private record StoreDeadLetter(DeadLetter letter, CompletableFuture<Void> done) implements Op {
    @Override
    public void fail(Throwable t) {
      done.completeExceptionally(t);
    }
  }

  private record Read(Map<Priority, Long> afterSeq, int limit, int maxP0, int maxOthers, CompletableFuture<List<StoredEvent>> done) implements Op {
    @Override
    public void fail(Throwable t) {
      done.completeExceptionally(t);
    }
  }

  private record Acknowledge(CommitAck ack, CompletableFuture<Integer> done) implements Op {
    @Override
    public void fail(Throwable t) {
      done.completeExceptionally(t);
    }
  }

  private record ListDeadLetters(int limit, CompletableFuture<List<DeadLetter>> done) implements Op {
    @Override
    public void fail(Throwable t) {
      done.completeExceptionally(t);
    }
  }

  private record Stop() implements Op {}
}
