package io.campusguard.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.auth.AccessPolicy.Decision;
import io.campusguard.hub.auth.AccessPolicy.Target;
import org.junit.jupiter.api.Test;

/** The role × capability × campus table, without Vert.x. */
class AccessPolicyTest {

  /** Verifies that IT staff read alarms but may not acknowledge, assign or resolve them, and do the asset work. */
  @Test
  void itStaffNeverActOnAlarms() {
    assertThat(AccessPolicy.decide(Role.IT, Capability.ALARM_READ, Target.COUNTY)).isEqualTo(Decision.ALLOW);
    assertThat(AccessPolicy.decide(Role.IT, Capability.ALARM_ACK, Target.COUNTY)).isEqualTo(Decision.FORBIDDEN);
    assertThat(AccessPolicy.decide(Role.IT, Capability.ALARM_MANAGE, Target.COUNTY)).isEqualTo(Decision.FORBIDDEN);
    assertThat(AccessPolicy.decide(Role.IT, Capability.TEST_MODE, Target.COUNTY)).isEqualTo(Decision.FORBIDDEN);
    assertThat(AccessPolicy.decide(Role.IT, Capability.ASSET_WRITE, Target.COUNTY)).isEqualTo(Decision.ALLOW);
    assertThat(AccessPolicy.decide(Role.IT, Capability.USERS, Target.COUNTY)).isEqualTo(Decision.FORBIDDEN);
  }

  /** Verifies that a principal reads and acknowledges its own campus, sees another campus as missing, and a list as its own. */
  @Test
  void principalSeesOneCampus() {
    assertThat(AccessPolicy.decide(Role.PRINCIPAL, Capability.ALARM_ACK, Target.OWN_CAMPUS)).isEqualTo(Decision.ALLOW);
    assertThat(AccessPolicy.decide(Role.PRINCIPAL, Capability.ALARM_ACK, Target.OTHER_CAMPUS)).isEqualTo(Decision.HIDDEN);
    assertThat(AccessPolicy.decide(Role.PRINCIPAL, Capability.ALARM_READ, Target.OTHER_CAMPUS)).isEqualTo(Decision.HIDDEN);
    assertThat(AccessPolicy.decide(Role.PRINCIPAL, Capability.CAMPUS_READ, Target.COUNTY)).isEqualTo(Decision.OWN_CAMPUS_ONLY);
    assertThat(AccessPolicy.decide(Role.PRINCIPAL, Capability.PROCEDURE_READ, Target.COUNTY)).isEqualTo(Decision.ALLOW);
    // a capability the role lacks is 403 whatever the campus, so the answer never depends on existence
    for (Target t : Target.values()) {
      assertThat(AccessPolicy.decide(Role.PRINCIPAL, Capability.ALARM_MANAGE, t)).isEqualTo(Decision.FORBIDDEN);
      assertThat(AccessPolicy.decide(Role.PRINCIPAL, Capability.ASSET_READ, t)).isEqualTo(Decision.FORBIDDEN);
    }
    assertThat(AccessPolicy.needsCampus(Role.PRINCIPAL, Capability.ALARM_ACK)).isTrue();
    assertThat(AccessPolicy.needsCampus(Role.PRINCIPAL, Capability.ALARM_MANAGE)).isFalse();
    assertThat(AccessPolicy.needsCampus(Role.OPERATOR, Capability.ALARM_ACK)).isFalse();
  }

  /** Verifies that only the administrator manages users and registers campuses, and that it may do everything. */
  @Test
  void administratorMayDoEverything() {
    for (Capability c : Capability.values()) {
      for (Target t : Target.values()) {
        assertThat(AccessPolicy.decide(Role.ADMIN, c, t)).as(c + " " + t).isEqualTo(Decision.ALLOW);
      }
    }
    for (Role r : new Role[] {Role.OPERATOR, Role.IT, Role.PRINCIPAL}) {
      assertThat(AccessPolicy.decide(r, Capability.USERS, Target.COUNTY)).isEqualTo(Decision.FORBIDDEN);
      assertThat(AccessPolicy.decide(r, Capability.CAMPUS_REGISTER, Target.OWN_CAMPUS)).isEqualTo(Decision.FORBIDDEN);
    }
    // the duty roster: operators read it, only the administrator saves it
    assertThat(AccessPolicy.decide(Role.OPERATOR, Capability.ROSTER_READ, Target.COUNTY)).isEqualTo(Decision.ALLOW);
    for (Role r : new Role[] {Role.OPERATOR, Role.IT, Role.PRINCIPAL}) {
      assertThat(AccessPolicy.decide(r, Capability.ROSTER_EDIT, Target.COUNTY)).isEqualTo(Decision.FORBIDDEN);
    }
    assertThat(AccessPolicy.decide(Role.PRINCIPAL, Capability.ROSTER_READ, Target.COUNTY)).isEqualTo(Decision.FORBIDDEN);
    // control: the operator acts on every campus's alarms
    assertThat(AccessPolicy.decide(Role.OPERATOR, Capability.ALARM_MANAGE, Target.OTHER_CAMPUS)).isEqualTo(Decision.ALLOW);
  }
}
