package io.campusguard.hub.roster;

/** Whether school is in: a term of the county's calendar, or the vacation between terms. */
public enum Period {
  TERM,
  VACATION
}
