package io.campusguard.hub.roster;

import io.campusguard.hub.notify.Recipient;
import java.time.Instant;
import java.util.List;

/**
 * Who is notified for an alarm, at which level and hour. The people on duty for the alarm's campus and town come
 * first; when none of them is on duty at that level and hour, the county-wide duty of that level; when nobody at
 * all, the roster's {@code fallback} (the county's on-call lead), so a gap in the roster never means silence.
 * Plain logic over the caller's clock.
 */
public record DutyRoster(SchoolCalendar calendar, List<Duty> duties, List<Recipient> fallback) {
  public DutyRoster {
    calendar = calendar == null ? SchoolCalendar.defaults() : calendar;
    duties = duties == null ? List.of() : List.copyOf(duties);
    fallback = fallback == null ? List.of() : List.copyOf(fallback);
    if (fallback.isEmpty()) {
      throw new IllegalArgumentException("fallback: at least one person to notify when nobody is on duty");
    }
  }

  /** Where the people came from. */
  public enum Source { LOCAL, COUNTY, FALLBACK }

  /** The people to notify and why them. */
  public record OnDuty(List<Recipient> people, Source source) {}

  /** The people to notify at {@code level} for an alarm of {@code campus} (in {@code town}) at {@code at}. */
  public OnDuty onDuty(String campus, String town, int level, Instant at) {
    SchoolCalendar.Moment m = calendar.at(at);
    List<Recipient> local = duties.stream()
        .filter(d -> d.level() == level && d.covers(campus, town) && d.onDuty(m)).map(Duty::person).distinct().toList();
    if (!local.isEmpty()) {
      return new OnDuty(local, Source.LOCAL);
    }
    List<Recipient> county = duties.stream()
        .filter(d -> d.level() == level && d.countyWide() && d.onDuty(m)).map(Duty::person).distinct().toList();
    if (!county.isEmpty()) {
      return new OnDuty(county, Source.COUNTY);
    }
    return new OnDuty(fallback, Source.FALLBACK);
  }
}
