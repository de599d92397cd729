package io.campusguard.hub.store;

import java.util.List;
import java.util.Set;

/**
 * What one batch's transaction committed. {@code committedIds}: every event of the batch, all now in the database
 * (new or already there). {@code newIds}: those this transaction inserted, the only ones the alarm engine sees.
 * {@code committedUpTo}: every seq 1..it of the campus is committed. {@code openGap}: the first missing range
 * above it, when events beyond it are already stored.
 */
public record CommitResult(List<String> committedIds, Set<String> newIds, long committedUpTo, SeqRange openGap) {
  public CommitResult {
    committedIds = List.copyOf(committedIds);
    newIds = Set.copyOf(newIds);
  }

  /** An inclusive range of sequence numbers. */
  public record SeqRange(long from, long to) {}
}
