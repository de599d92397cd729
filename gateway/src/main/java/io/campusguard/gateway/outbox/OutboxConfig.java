package io.campusguard.gateway.outbox;

import java.nio.file.Path;
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
 */
public record OutboxConfig(Path file, int p2MaxEvents, int p3MaxEvents, int deadLetterMaxRows, int maxAppendsPerTransaction) {
  public static final int DEFAULT_P2_MAX_EVENTS = 500_000;
  public static final int DEFAULT_P3_MAX_EVENTS = 100_000;
  public static final int DEFAULT_DEAD_LETTER_MAX_ROWS = 10_000;
  public static final int DEFAULT_MAX_APPENDS_PER_TRANSACTION = 2_000;

  public OutboxConfig {
    Objects.requireNonNull(file, "outbox.file: required");
    requirePositive("outbox.p2MaxEvents", p2MaxEvents);
    requirePositive("outbox.p3MaxEvents", p3MaxEvents);
    requirePositive("outbox.deadLetterMaxRows", deadLetterMaxRows);
    requirePositive("outbox.maxAppendsPerTransaction", maxAppendsPerTransaction);
  }

  public static OutboxConfig at(Path file) {
    return new OutboxConfig(
        file, DEFAULT_P2_MAX_EVENTS, DEFAULT_P3_MAX_EVENTS, DEFAULT_DEAD_LETTER_MAX_ROWS, DEFAULT_MAX_APPENDS_PER_TRANSACTION);
  }

  public OutboxConfig withBounds(int p2, int p3) {
    return new OutboxConfig(file, p2, p3, deadLetterMaxRows, maxAppendsPerTransaction);
  }

  private static void requirePositive(String field, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(field + ": must be at least 1, got " + v);
    }
  }
}
