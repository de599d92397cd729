package io.campusguard.hub.auth;

import java.util.Optional;

/** What a console or API user is, as stored in {@code users.role}. */
public enum Role {
  /** The safety centre: every campus, every alarm action. */
  OPERATOR("operator"),
  /** A campus principal: reads its own campus and acknowledges its alarms, nothing else. */
  PRINCIPAL("principal"),
  /** IT staff: assets, the replacement queue and repairs; reads alarms but never acts on them. */
  IT("it"),
  /** Everything, including user management. */
  ADMIN("admin");

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Role> fromWire(String name) {
    for (Role r : values()) {
      if (r.wireName.equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
