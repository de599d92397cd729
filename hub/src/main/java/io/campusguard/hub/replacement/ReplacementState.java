package io.campusguard.hub.replacement;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a replacement queue entry stands. IT staff move it forward one step at a time; an approval can be
 * withdrawn (back to candidate); retired is final.
 */
public enum ReplacementState {
  CANDIDATE,
  APPROVED,
  ORDERED,
  INSTALLED,
  RETIRED;

  public Set<ReplacementState> next() {
    switch (this) {
      case CANDIDATE:
        return EnumSet.of(APPROVED);
      case APPROVED:
        return EnumSet.of(ORDERED, CANDIDATE);
      case ORDERED:
        return EnumSet.of(INSTALLED);
      case INSTALLED:
        return EnumSet.of(RETIRED);
      default:
        return EnumSet.noneOf(ReplacementState.class);
    }
  }

  public boolean canMoveTo(ReplacementState to) {
    return next().contains(to);
  }
}
