package io.campusguard.hub.alarms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A calendar quarter as the county counts it: in China time, so a test at 07:30 on 1 October Beijing time
 * (23:30 UTC the day before) belongs to Q4, as the school's own calendar says.
 */
public record Quarter(int year, int number) {
  public static final ZoneId COUNTY_ZONE = ZoneId.of("Asia/Shanghai");

  public Quarter {
    if (number < 1 || number > 4) {
      throw new IllegalArgumentException("number: must be 1..4");
    }
  }

  public static Quarter of(Instant at) {
    ZonedDateTime local = at.atZone(COUNTY_ZONE);
    return new Quarter(local.getYear(), (local.getMonthValue() - 1) / 3 + 1);
  }

  /** The first instant of the quarter. */
  public Instant start() {
    return LocalDate.of(year, (number - 1) * 3 + 1, 1).atStartOfDay(COUNTY_ZONE).toInstant();
  }

  /** As stored in the ledger: {@code 2026-Q4}. */
  @Override
  public String toString() {
    return year + "-Q" + number;
  }
}
