package io.campusguard.broker.access;

/**
 * One thing an identity may do on the county broker. A {@code WRITE} grant's filter may hold {@code +} for "any
 * allowed campus id"; a {@code READ} grant's filter is the exact subscription the identity may make (a
 * narrower or wider filter is refused).
 */
public record TopicGrant(Access access, String filter) {
  public enum Access {
    /** Publish (Mosquitto's {@code topic write}). */
    WRITE,
    /** Subscribe and receive (Mosquitto's {@code topic read}). */
    READ
  }
}
