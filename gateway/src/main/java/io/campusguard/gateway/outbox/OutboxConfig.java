package io.campusguard.gateway.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the outbox lives and how much telemetry it may hold. P0 and P1 lanes are unbounded: an alarm is
 * never dropped. P2 (telemetry) and P3 (bulk) keep at most their bound, dropping the oldest of their lane.
 *
 * @param file the SQLite database file; its folder is created when missing
 * @param p2MaxEvents bound of the telemetry lane
 * @param p3MaxEvents bound of the bulk lane
 * @param deadLetterMaxRows rejected device inputs kept (oldest deleted first; the counter still counts all)
 * @param maxAppendsPerTransaction the largest group commit
 * @param ackedIdsKeptFor how long the id of an event the hub acked is remembered, so a late copy of its device
 *     publish (the campus broker redelivering after our crash) is answered without being stored again
 * @param ackedIdsMaxRows at most this many acked ids are remembered (the oldest forgotten first)
 */
public record OutboxConfig(
    Path file,
    int p2MaxEvents,
    int p3MaxEvents,
    int deadLetterMaxRows,
    int maxAppendsPerTransaction,
    Duration ackedIdsKeptFor,
    int ackedIdsMaxRows) {
  public static final int DEFAULT_P2_MAX_EVENTS = 500_000;
  public static final int DEFAULT_P3_MAX_EVENTS = 100_000;
  public static final int DEFAULT_DEAD_LETTER_MAX_ROWS = 10_000;
  public static final int DEFAULT_MAX_APPENDS_PER_TRANSACTION = 2_000;
  /** Covers a campus broker that comes back a day after the gateway restarted (its session outlives that). */
  public static final Duration DEFAULT_ACKED_IDS_KEPT_FOR = Duration.ofHours(24);
  /** About 60 MB of SQLite at most; a day of a busy campus at ten times the county's normal load. */
  public static final int DEFAULT_ACKED_IDS_MAX_ROWS = 1_000_000;

  public OutboxConfig {
    Objects.requireNonNull(file, "outbox.file: required");
    requirePositive("outbox.p2MaxEvents", p2MaxEvents);
    requirePositive("outbox.p3MaxEvents", p3MaxEvents);
    requirePositive("outbox.deadLetterMaxRows", deadLetterMaxRows);
    requirePositive("outbox.maxAppendsPerTransaction", maxAppendsPerTransaction);
    Objects.requireNonNull(ackedIdsKeptFor, "outbox.ackedIdsKeptFor: required");
    if (ackedIdsKeptFor.isNegative() || ackedIdsKeptFor.isZero()) {
      throw new IllegalArgumentException("outbox.ackedIdsKeptFor: must be positive, got " + ackedIdsKeptFor);
    }
    requirePositive("outbox.ackedIdsMaxRows", ackedIdsMaxRows);
  }

  /** With the default memory of acked ids. */
  public OutboxConfig(Path file, int p2MaxEvents, int p3MaxEvents, int deadLetterMaxRows, int maxAppendsPerTransaction) {
    this(file, p2MaxEvents, p3MaxEvents, deadLetterMaxRows, maxAppendsPerTransaction, DEFAULT_ACKED_IDS_KEPT_FOR,
        DEFAULT_ACKED_IDS_MAX_ROWS);
  }

  public static OutboxConfig at(Path file) {
    return new OutboxConfig(
        file, DEFAULT_P2_MAX_EVENTS, DEFAULT_P3_MAX_EVENTS, DEFAULT_DEAD_LETTER_MAX_ROWS, DEFAULT_MAX_APPENDS_PER_TRANSACTION);
  }

  public OutboxConfig withBounds(int p2, int p3) {
    return new OutboxConfig(file, p2, p3, deadLetterMaxRows, maxAppendsPerTransaction, ackedIdsKeptFor, ackedIdsMaxRows);
  }

  public OutboxConfig withAckedIds(Duration keptFor, int maxRows) {
    return new OutboxConfig(file, p2MaxEvents, p3MaxEvents, deadLetterMaxRows, maxAppendsPerTransaction, keptFor, maxRows);
  }

  private static void requirePositive(String field, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(field + ": must be at least 1, got " + v);
    }
  }
}
