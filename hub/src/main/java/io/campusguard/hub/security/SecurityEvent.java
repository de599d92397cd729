package io.campusguard.hub.security;

import java.time.Instant;
import java.util.Objects;

/**
 * One detection. {@code evidence} identifies what was seen (kind, campus and the ids involved), so the same
 * evidence seen again, by this hub or another sharing the database, counts on one stored row instead of adding one.
 */
public record SecurityEvent(SecurityEventKind kind, String campus, String detail, String evidence, Instant at) {
  public SecurityEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(at, "at");
  }

  /**
   * A batch claiming {@code claimed} on {@code topicCampus}'s topic. One row per (sender, claimed campus) pair, so a
   * gateway flooding forged batches counts occurrences on one row instead of filling the table.
   */
  public static SecurityEvent campusMismatch(String topicCampus, String claimed, String batchId, Instant at) {
    return new SecurityEvent(SecurityEventKind.CAMPUS_MISMATCH, topicCampus,
        "batch " + batchId + " claims campus " + claimed + " but arrived on the topic of " + topicCampus + ": refused",
        "campus_mismatch/" + topicCampus + "/" + claimed, at);
  }

  /**
   * {@code reporter}'s gateway reported {@code device}, which {@code owner} has too. One row per device and pair of
   * campuses, whichever reported it first.
   */
  public static SecurityEvent foreignDevice(String reporter, String device, String owner, Instant at) {
    String first = reporter.compareTo(owner) < 0 ? reporter : owner;
    String second = first.equals(reporter) ? owner : reporter;
    return new SecurityEvent(SecurityEventKind.FOREIGN_DEVICE, reporter,
        "campus " + reporter + " reported device " + device + ", which campus " + owner + " has too: kept apart, neither changes the other",
        "foreign_device/" + device + "/" + first + "/" + second, at);
  }
}
