package io.campusguard.hub.notify;

/**
 * One notice to one person about one alarm. {@code committedNanos} is when this hub saw the alarm change committed
 * ({@link System#nanoTime}), so a delivery can say how long after the commit it reached the person.
 */
public record Delivery(long alarmId, Recipient to, Notice notice, long committedNanos) {
  /** Committed now. */
  public Delivery(long alarmId, Recipient to, Notice notice) {
    this(alarmId, to, notice, System.nanoTime());
  }
}
