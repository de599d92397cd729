package io.campusguard.hub.roster;

/** Which part of the week a moment falls in: a working day's day hours, its night, or a rest day (weekend, holiday). */
public enum Shift {
  DAY,
  NIGHT,
  REST_DAY
}
