package io.campusguard.hub.auth;

import io.campusguard.devices.Ids;
import java.util.Objects;

/** A console or API user; {@code campus} is set for principals only. The password hash never leaves the store. */
public record User(String id, String displayName, Role role, String campus) {
  public User {
    Objects.requireNonNull(role, "role");
    if (!Ids.isValid(id)) {
      throw new IllegalArgumentException("id: not an allowed id");
    }
    displayName = displayName == null ? "" : displayName;
    if (displayName.length() > 100 || displayName.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("displayName: at most 100 characters, no control characters");
    }
    if (role == Role.PRINCIPAL && (campus == null || !Ids.isValid(campus))) {
      throw new IllegalArgumentException("campus: a principal needs its campus id");
    }
    if (role != Role.PRINCIPAL && campus != null) {
      throw new IllegalArgumentException("campus: only a principal belongs to one campus");
    }
  }
}
