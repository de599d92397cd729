package io.campusguard.gateway.dc09;

/**
 * One event a panel reported, read from its Contact ID or SIA code.
 *
 * @param category what it means here
 * @param restore whether it ends the condition (Contact ID qualifier 3, a SIA restore code)
 * @param zone the zone (or user) number as sent, without leading zeros; "0" when none
 * @param code the protocol's code as sent ({@code cid:1120}, {@code sia:PA}), for the alarm's detail
 */
public record PanelEvent(Category category, boolean restore, String zone, String code) {

  /** What a code means to CampusGuard. Codes map to these by default; the config may remap any code. */
  public enum Category {
    PANIC,
    FIRE,
    BURGLARY,
    TAMPER,
    AC_LOSS,
    LOW_BATTERY,
    TROUBLE,
    /** A periodic (or manual) test report: the panel's self-test. */
    TEST,
    /** Acknowledged and counted, nothing stored (openings, closings, bypasses …). */
    IGNORE;

    /** The {@code LocalAlarm} type a condition is stored under. */
    public String alarmType() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
