package io.campusguard.hub.auth;

/** A group of API routes that one permission covers; every route belongs to exactly one (see the route guard). */
public enum Capability {
  /** Read alarms and the change stream. */
  ALARM_READ,
  /** Acknowledge an alarm. */
  ALARM_ACK,
  /** Assign or resolve an alarm. */
  ALARM_MANAGE,
  /** Read campuses, devices, series, the board, cameras, canteens, timelines and test-mode ledgers. */
  CAMPUS_READ,
  /** Register or rename a campus. */
  CAMPUS_REGISTER,
  /** Start or end a campus's panic test window. */
  TEST_MODE,
  /** Read the procedures per alarm type. */
  PROCEDURE_READ,
  /** Edit a procedure. */
  PROCEDURE_EDIT,
  /** Read the duty roster and its versions. */
  ROSTER_READ,
  /** Save a new version of the duty roster. */
  ROSTER_EDIT,
  /** Read the dead letters (raw payloads the hub refused). */
  DEAD_LETTERS,
  /** Read the asset register, device pages and the replacement queue. */
  ASSET_READ,
  /** Import assets, record repairs, move the replacement workflow, plan budgets. */
  ASSET_WRITE,
  /** List and create users. */
  USERS,
  /** Read one's own session, log out: every signed-in user. */
  SESSION
}
