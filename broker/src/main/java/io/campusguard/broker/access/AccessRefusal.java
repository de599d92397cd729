package io.campusguard.broker.access;

/**
 * Something the county broker refused: a security event for the hub's log and metrics.
 *
 * @param kind what was refused
 * @param clientId the client id as sent (may itself be the bad part)
 * @param username the username as sent, or null
 * @param topic the topic or filter, or null for a refused connection
 * @param reason why, in words
 */
public record AccessRefusal(Kind kind, String clientId, String username, String topic, String reason) {
  public enum Kind {
    /** Client id or username with a wildcard, separator or control character. */
    BAD_NAME,
    /** Unknown username, wrong or missing password. */
    BAD_CREDENTIALS,
    /** A last will on a topic the identity may not publish to. */
    WILL_DENIED,
    PUBLISH_DENIED,
    SUBSCRIBE_DENIED
  }
}
