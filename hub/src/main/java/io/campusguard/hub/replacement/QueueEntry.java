package io.campusguard.hub.replacement;

import io.campusguard.devices.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One asset's place in the replacement workflow, with every step: who moved it, when, and a note. */
public record QueueEntry(String assetId, ReplacementState state, List<Step> history) {
  public QueueEntry {
    Ids.require("assetId", assetId);
    Objects.requireNonNull(state, "state");
    history = List.copyOf(history);
  }

  public record Step(ReplacementState from, ReplacementState to, String by, Instant at, String note) {}

  public static QueueEntry candidate(String assetId) {
    return new QueueEntry(assetId, ReplacementState.CANDIDATE, List.of());
  }

  /**
   * The entry moved to {@code to}; throws {@link IllegalStateException} naming both states when the workflow
   * does not allow that step (the API answers 409 with it).
   */
  public QueueEntry moveTo(ReplacementState to, String by, Instant at, String note) {
    if (!state.canMoveTo(to)) {
      throw new IllegalStateException("state: cannot move from " + state + " to " + to + " (allowed: " + state.next() + ")");
    }
    Objects.requireNonNull(by, "by");
    List<Step> steps = new ArrayList<>(history);
    steps.add(new Step(state, to, by, at, note == null ? "" : note));
    return new QueueEntry(assetId, to, steps);
  }
}
