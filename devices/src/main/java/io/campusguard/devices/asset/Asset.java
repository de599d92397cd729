package io.campusguard.devices.asset;

import io.campusguard.devices.Ids;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of the asset register. {@code assetId} doubles as the device id a device reports under, so
 * telemetry matches its asset. {@code room} is free text (a classroom name such as 初二(3)班 or 机房1), but
 * bounded and without control characters. Price in yuan; warranty end may be unknown.
 */
public record Asset(
    String assetId,
    String campus,
    String room,
    AssetCategory category,
    String make,
    String model,
    LocalDate purchaseDate,
    BigDecimal price,
    LocalDate warrantyEnd) {

  public static final int MAX_TEXT = 100;

  public Asset {
    Ids.require("assetId", assetId);
    Ids.require("campus", campus);
    requireText("room", room);
    Objects.requireNonNull(category, "category");
    requireText("make", make);
    requireText("model", model);
    Objects.requireNonNull(purchaseDate, "purchaseDate");
    Objects.requireNonNull(price, "price");
    if (price.signum() < 0) {
      throw new IllegalArgumentException("price: negative");
    }
    if (warrantyEnd != null && warrantyEnd.isBefore(purchaseDate)) {
      throw new IllegalArgumentException("warrantyEnd: before purchaseDate");
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": missing");
    }
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + ": longer than " + MAX_TEXT);
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(field + ": contains control characters");
    }
  }

  /** Whole years in service on {@code day}. */
  public int ageYears(LocalDate day) {
    return java.time.Period.between(purchaseDate, day).getYears();
  }
}
