package io.campusguard.hub.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.hub.notify.Recipient;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The right people at the right hour, over a clock (county time is UTC+8). */
class DutyRosterTest {
  static final Recipient PRINCIPAL = new Recipient("张校长", "13800000017", null, List.of("sms"));
  static final Recipient HOUSEMASTER = new Recipient("李宿管", "13800000018", null, List.of("sms"));
  static final Recipient TOWN_DAY = new Recipient("王干事", "13900000001", null, List.of("wecom", "sms"));
  static final Recipient TOWN_NIGHT = new Recipient("赵值班", "13900000002", null, List.of("dingtalk", "sms"));
  static final Recipient COUNTY_LEAD = new Recipient("县教育局值班领导", "13700000000", null, List.of("sms"));
  static final Recipient CENTRE = new Recipient("县安全中心", null, "centre@county.example", List.of("email"));

  // Autumn term 2026-09-01..2027-01-20; National Day holiday 10-01..10-07 with Sunday 2026-09-27 worked in exchange.
  static final SchoolCalendar CALENDAR = new SchoolCalendar(null, "07:30", "18:00",
      List.of(new SchoolCalendar.Term("2026秋季学期", "2026-09-01", "2027-01-20")),
      List.of("2026-10-01", "2026-10-02", "2026-10-05"), List.of("2026-09-27"));

  static final DutyRoster ROSTER = new DutyRoster(CALENDAR, List.of(
      new Duty("LP-017", null, 1, null, null, PRINCIPAL),
      // the boarding school's housemaster at night, in term only
      new Duty("LP-017", null, 1, List.of(Shift.NIGHT, Shift.REST_DAY), List.of(Period.TERM), HOUSEMASTER),
      new Duty(null, "忠信镇", 2, List.of(Shift.DAY), null, TOWN_DAY),
      new Duty(null, "忠信镇", 2, List.of(Shift.NIGHT, Shift.REST_DAY), null, TOWN_NIGHT),
      new Duty(null, null, 3, null, null, COUNTY_LEAD)),
      List.of(CENTRE));

  /** Verifies that on a school-day afternoon the principal is level 1 and the town's day officer level 2. */
  @Test
  void schoolDayAfternoon() {
    Instant tuesday1500 = Instant.parse("2026-12-08T07:00:00Z");
    assertThat(ROSTER.onDuty("LP-017", "忠信镇", 1, tuesday1500).people()).containsExactly(PRINCIPAL);
    assertThat(ROSTER.onDuty("LP-017", "忠信镇", 2, tuesday1500).people()).containsExactly(TOWN_DAY);
    assertThat(ROSTER.onDuty("LP-017", "忠信镇", 3, tuesday1500)).isEqualTo(new DutyRoster.OnDuty(List.of(COUNTY_LEAD), DutyRoster.Source.COUNTY));
  }

  /** Verifies that at 2 a.m. in term the housemaster is added and the town's night officer answers. */
  @Test
  void termNight() {
    Instant wednesday0200 = Instant.parse("2026-12-08T18:00:00Z");
    assertThat(ROSTER.onDuty("LP-017", "忠信镇", 1, wednesday0200).people()).containsExactly(PRINCIPAL, HOUSEMASTER);
    assertThat(ROSTER.onDuty("LP-017", "忠信镇", 2, wednesday0200).people()).containsExactly(TOWN_NIGHT);
  }

  /** Verifies the day shift's edges: 07:29 is night, 07:30 day, 18:00 night again. */
  @Test
  void dayShiftEdges() {
    assertThat(CALENDAR.at(Instant.parse("2026-12-07T23:29:00Z")).shift()).isEqualTo(Shift.NIGHT);
    assertThat(CALENDAR.at(Instant.parse("2026-12-07T23:30:00Z")).shift()).isEqualTo(Shift.DAY);
    assertThat(CALENDAR.at(Instant.parse("2026-12-08T10:00:00Z")).shift()).isEqualTo(Shift.NIGHT);
  }

  /** Verifies that a public holiday on a weekday is a rest day, and a worked Sunday (调休) is a working day. */
  @Test
  void holidaysAndMakeUpWorkdays() {
    Instant thursdayHoliday = Instant.parse("2026-10-01T03:00:00Z");
    assertThat(CALENDAR.at(thursdayHoliday).shift()).isEqualTo(Shift.REST_DAY);
    assertThat(ROSTER.onDuty("LP-017", "忠信镇", 2, thursdayHoliday).people()).containsExactly(TOWN_NIGHT);
    Instant workedSunday = Instant.parse("2026-09-27T03:00:00Z");
    assertThat(CALENDAR.at(workedSunday).shift()).isEqualTo(Shift.DAY);
    Instant plainSunday = Instant.parse("2026-09-20T03:00:00Z");
    assertThat(CALENDAR.at(plainSunday).shift()).isEqualTo(Shift.REST_DAY);
  }

  /** Verifies that in the winter vacation the housemaster (term only) is not called at night. */
  @Test
  void vacationNight() {
    Instant vacation0200 = Instant.parse("2027-02-09T18:00:00Z");
    assertThat(CALENDAR.at(vacation0200).period()).isEqualTo(Period.VACATION);
    assertThat(ROSTER.onDuty("LP-017", "忠信镇", 1, vacation0200).people()).containsExactly(PRINCIPAL);
  }

  /** Verifies that a gap in the roster (another town, no level-4 duty) reaches the fallback. */
  @Test
  void gapReachesTheFallback() {
    Instant t = Instant.parse("2026-12-08T07:00:00Z");
    assertThat(ROSTER.onDuty("LP-050", "大湖镇", 2, t)).isEqualTo(new DutyRoster.OnDuty(List.of(CENTRE), DutyRoster.Source.FALLBACK));
    assertThat(ROSTER.onDuty("LP-017", "忠信镇", 4, t).source()).isEqualTo(DutyRoster.Source.FALLBACK);
    // control: the same town at the same hour has its officer
    assertThat(ROSTER.onDuty("LP-051", "忠信镇", 2, t).source()).isEqualTo(DutyRoster.Source.LOCAL);
  }

  /** Verifies that a roster without a fallback, or a duty with a bad level, is refused naming the field. */
  @Test
  void badRosterIsRefused() {
    assertThatThrownBy(() -> new DutyRoster(CALENDAR, List.of(), List.of())).hasMessageStartingWith("fallback:");
    assertThatThrownBy(() -> new Duty("LP-017", null, 0, null, null, PRINCIPAL)).hasMessageStartingWith("level:");
    assertThatThrownBy(() -> new Duty("LP-017", "忠信镇", 1, null, null, PRINCIPAL)).hasMessageStartingWith("campus:");
    assertThatThrownBy(() -> new SchoolCalendar(null, "19:00", "07:00", null, null, null)).hasMessageStartingWith("dayStarts:");
  }
}
