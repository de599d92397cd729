package io.campusguard.hub.roster;

import io.campusguard.devices.Ids;
import io.campusguard.hub.notify.Recipient;
import java.util.List;
import java.util.Set;

/**
 * One line of the roster: {@code person} is notified at escalation {@code level} (1 is told first) for alarms of
 * {@code campus}, or of every campus of {@code town}, or (neither given) of the whole county, during the listed
 * {@code shifts} and {@code periods} (empty: always).
 */
public record Duty(String campus, String town, int level, List<Shift> shifts, List<Period> periods, Recipient person) {
  public static final int MAX_LEVEL = 4;

  public Duty {
    shifts = shifts == null ? List.of() : List.copyOf(shifts);
    periods = periods == null ? List.of() : List.copyOf(periods);
    if (campus != null && town != null) {
      throw new IllegalArgumentException("campus: give a campus or a town, not both");
    }
    if (campus != null && !Ids.isValid(campus)) {
      throw new IllegalArgumentException("campus: not a campus id");
    }
    if (town != null && town.isBlank()) {
      throw new IllegalArgumentException("town: blank");
    }
    if (level < 1 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level: must be 1.." + MAX_LEVEL);
    }
    if (person == null) {
      throw new IllegalArgumentException("person: required");
    }
  }

  boolean covers(String alarmCampus, String alarmTown) {
    if (campus != null) {
      return campus.equals(alarmCampus);
    }
    return town != null && town.equals(alarmTown);
  }

  boolean countyWide() {
    return campus == null && town == null;
  }

  boolean onDuty(SchoolCalendar.Moment m) {
    return (shifts.isEmpty() || Set.copyOf(shifts).contains(m.shift())) && (periods.isEmpty() || Set.copyOf(periods).contains(m.period()));
  }
}
