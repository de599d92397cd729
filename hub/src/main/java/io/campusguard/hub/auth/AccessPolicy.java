package io.campusguard.hub.auth;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what, in one table: role × capability × whose campus. Plain Java, no Vert.x; every API route is
 * mapped to a capability by the route guard, which asks this class.
 *
 * <p>A principal sees one campus. Another campus's alarm, campus, device or canteen is answered with 404, exactly
 * as for an id that does not exist, so guessing ids reveals nothing; a list without a campus is narrowed to the
 * principal's own campus. A capability the role lacks is 403 whatever the target, so that answer never depends on
 * whether the target exists either.
 */
public final class AccessPolicy {
  /** The answer for one request. */
  public enum Decision {
    /** Go ahead. */
    ALLOW,
    /** Go ahead, but a list shows the actor's own campus only. */
    OWN_CAMPUS_ONLY,
    /** 403: the role may not do this at all. */
    FORBIDDEN,
    /** 404: another campus's (or no) resource, indistinguishable from a missing one. */
    HIDDEN
  }

  /** What a request is about, from the actor's point of view. */
  public enum Target {
    /** Nothing campus-specific (a county-wide list, a procedure, an asset). */
    COUNTY,
    /** The actor's own campus. */
    OWN_CAMPUS,
    /** Another campus, or an id that does not exist. */
    OTHER_CAMPUS
  }

  private static final Set<Capability> COUNTY_READ = EnumSet.of(
      Capability.ALARM_READ, Capability.CAMPUS_READ, Capability.PROCEDURE_READ, Capability.SESSION);

  private static final Map<Role, Set<Capability>> GRANTS = Map.of(
      Role.ADMIN, EnumSet.allOf(Capability.class),
      Role.OPERATOR, union(COUNTY_READ, EnumSet.of(Capability.ALARM_ACK, Capability.ALARM_MANAGE, Capability.TEST_MODE,
          Capability.PROCEDURE_EDIT, Capability.DEAD_LETTERS, Capability.ASSET_READ, Capability.ROSTER_READ)),
      Role.IT, union(COUNTY_READ, EnumSet.of(Capability.DEAD_LETTERS, Capability.ASSET_READ, Capability.ASSET_WRITE)),
      Role.PRINCIPAL, union(COUNTY_READ, EnumSet.of(Capability.ALARM_ACK)));

  /** Capabilities a principal holds for its own campus only; everything else it holds is not about a campus. */
  private static final Set<Capability> CAMPUS_BOUND = EnumSet.of(Capability.ALARM_READ, Capability.ALARM_ACK, Capability.CAMPUS_READ);

  private AccessPolicy() {}

  public static Decision decide(Role role, Capability capability, Target target) {
    if (!GRANTS.get(role).contains(capability)) {
      return Decision.FORBIDDEN;
    }
    if (role != Role.PRINCIPAL || !CAMPUS_BOUND.contains(capability)) {
      return Decision.ALLOW;
    }
    return switch (target) {
      case OWN_CAMPUS -> Decision.ALLOW;
      case COUNTY -> Decision.OWN_CAMPUS_ONLY;
      case OTHER_CAMPUS -> Decision.HIDDEN;
    };
  }

  /**
   * Whether the decision for this role and capability depends on the target's campus, i.e. whether the guard must
   * look the target up (an alarm's or device's campus) before deciding.
   */
  public static boolean needsCampus(Role role, Capability capability) {
    return role == Role.PRINCIPAL && GRANTS.get(role).contains(capability) && CAMPUS_BOUND.contains(capability);
  }

  /** Everything the role may do (the console hides the pages of the rest). */
  public static Set<Capability> grants(Role role) {
    return EnumSet.copyOf(GRANTS.get(role));
  }

  private static Set<Capability> union(Set<Capability> a, Set<Capability> b) {
    EnumSet<Capability> out = EnumSet.copyOf(a);
    out.addAll(b);
    return out;
  }
}
