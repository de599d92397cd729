package io.campusguard.hub.roster;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The county's calendar as the roster needs it: when the day shift starts and ends, the school terms, the public
 * holidays, and the make-up working days (调休: a Saturday or Sunday worked in exchange for a holiday), in the
 * county's time zone. Dates and times are ISO text ({@code 2026-09-01}, {@code 07:30}) so the document edited on the
 * console reads as it is stored.
 */
public record SchoolCalendar(String zone, String dayStarts, String dayEnds, List<Term> terms, List<String> holidays, List<String> workdays) {
  public static final String DEFAULT_ZONE = "Asia/Shanghai";

  public SchoolCalendar {
    zone = zone == null ? DEFAULT_ZONE : zone;
    dayStarts = dayStarts == null ? "07:00" : dayStarts;
    dayEnds = dayEnds == null ? "19:00" : dayEnds;
    terms = terms == null ? List.of() : List.copyOf(terms);
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    workdays = workdays == null ? List.of() : List.copyOf(workdays);
    try {
      ZoneId.of(zone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("zone: not a time zone: " + zone);
    }
    if (!time("dayStarts", dayStarts).isBefore(time("dayEnds", dayEnds))) {
      throw new IllegalArgumentException("dayStarts: must be before dayEnds");
    }
    for (int i = 0; i < holidays.size(); i++) {
      date("holidays[" + i + "]", holidays.get(i));
    }
    for (int i = 0; i < workdays.size(); i++) {
      date("workdays[" + i + "]", workdays.get(i));
    }
  }

  public static SchoolCalendar defaults() {
    return new SchoolCalendar(null, null, null, null, null, null);
  }

  /** One school term, first and last day included. */
  public record Term(String name, String from, String to) {
    public Term {
      if (date("from", from).isAfter(date("to", to))) {
        throw new IllegalArgumentException("to: before from");
      }
    }

    boolean covers(LocalDate d) {
      return !d.isBefore(LocalDate.parse(from)) && !d.isAfter(LocalDate.parse(to));
    }
  }

  /** The shift and period of {@code t} in the county's time. */
  public Moment at(Instant t) {
    ZonedDateTime local = t.atZone(ZoneId.of(zone));
    LocalDate d = local.toLocalDate();
    Set<String> rest = new TreeSet<>(holidays);
    boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    boolean restDay = rest.contains(d.toString()) || (weekend && !workdays.contains(d.toString()));
    LocalTime tod = local.toLocalTime();
    Shift shift = restDay ? Shift.REST_DAY
        : !tod.isBefore(LocalTime.parse(dayStarts)) && tod.isBefore(LocalTime.parse(dayEnds)) ? Shift.DAY : Shift.NIGHT;
    Period period = terms.stream().anyMatch(term -> term.covers(d)) ? Period.TERM : Period.VACATION;
    return new Moment(shift, period);
  }

  /** Where a moment falls. */
  public record Moment(Shift shift, Period period) {}

  private static LocalTime time(String field, String value) {
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(field + ": a time like 07:30");
    }
  }

  static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(field + ": a date like 2026-09-01");
    }
  }
}
