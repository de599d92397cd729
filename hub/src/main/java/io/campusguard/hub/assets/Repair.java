package io.campusguard.hub.assets;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A repair IT staff recorded for an asset: when it was repaired, what was done, what it cost (null: not known),
 * and who recorded it when. Repairs count towards the asset's replacement score.
 */
public record Repair(long id, String assetId, LocalDate repairedOn, String note, BigDecimal cost, String recordedBy, Instant recordedAt) {
  public static final int MAX_NOTE = 500;
  public static final BigDecimal MAX_COST = new BigDecimal("10000000");

  public Repair {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(recordedBy, "recordedBy");
    Objects.requireNonNull(recordedAt, "recordedAt");
    check(repairedOn, note, cost, null, null);
  }

  /**
   * Refuses a repair that cannot be true, with an {@link IllegalArgumentException} whose message starts with the
   * field: a date after {@code today} or before the asset was bought (either bound may be null: not checked), an
   * empty or over-long note or one with control characters (they would forge lines in logs and exports), a
   * negative or absurd cost.
   */
  public static void check(LocalDate repairedOn, String note, BigDecimal cost, LocalDate purchased, LocalDate today) {
    if (repairedOn == null) {
      throw new IllegalArgumentException("repairedOn: required, a date like 2025-03-01");
    }
    if (today != null && repairedOn.isAfter(today)) {
      throw new IllegalArgumentException("repairedOn: " + repairedOn + " is in the future");
    }
    if (purchased != null && repairedOn.isBefore(purchased)) {
      throw new IllegalArgumentException("repairedOn: " + repairedOn + " is before the purchase date " + purchased);
    }
    if (note == null || note.isBlank()) {
      throw new IllegalArgumentException("note: required, what was repaired");
    }
    if (note.length() > MAX_NOTE) {
      throw new IllegalArgumentException("note: longer than " + MAX_NOTE + " characters");
    }
    if (note.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("note: control characters");
    }
    if (cost != null && (cost.signum() < 0 || cost.compareTo(MAX_COST) > 0 || cost.scale() > 2)) {
      throw new IllegalArgumentException("cost: an amount in yuan in 0..10,000,000 with at most 2 decimals");
    }
  }
}
