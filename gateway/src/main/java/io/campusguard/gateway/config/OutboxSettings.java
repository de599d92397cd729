package io.campusguard.gateway.config;

import io.campusguard.gateway.outbox.OutboxConfig;
import java.nio.file.Path;
import java.time.Duration;

/** The outbox section of the config; missing values take {@link OutboxConfig}'s defaults. */
public record OutboxSettings(
    String file, Integer p2MaxEvents, Integer p3MaxEvents, Integer deadLetterMaxRows, Duration ackedIdsKeptFor, Integer ackedIdsMaxRows) {
  public static final String DEFAULT_FILE_PATTERN = "data/%s/outbox.db";

  public OutboxSettings(String file, Integer p2MaxEvents, Integer p3MaxEvents, Integer deadLetterMaxRows) {
    this(file, p2MaxEvents, p3MaxEvents, deadLetterMaxRows, null, null);
  }

  public OutboxConfig toConfig(String campus) {
    return new OutboxConfig(
        Path.of(file == null ? String.format(DEFAULT_FILE_PATTERN, campus) : file),
        p2MaxEvents == null ? OutboxConfig.DEFAULT_P2_MAX_EVENTS : p2MaxEvents,
        p3MaxEvents == null ? OutboxConfig.DEFAULT_P3_MAX_EVENTS : p3MaxEvents,
        deadLetterMaxRows == null ? OutboxConfig.DEFAULT_DEAD_LETTER_MAX_ROWS : deadLetterMaxRows,
        OutboxConfig.DEFAULT_MAX_APPENDS_PER_TRANSACTION,
        ackedIdsKeptFor == null ? OutboxConfig.DEFAULT_ACKED_IDS_KEPT_FOR : ackedIdsKeptFor,
        ackedIdsMaxRows == null ? OutboxConfig.DEFAULT_ACKED_IDS_MAX_ROWS : ackedIdsMaxRows);
  }
}
