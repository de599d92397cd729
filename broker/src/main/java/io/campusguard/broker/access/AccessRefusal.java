package io.campusguard.broker.access;

import io.campusguard.runtime.logging.LogText;

/**
 * Something the county broker refused: a security event for the hub's log and metrics.
 *
 * @param kind what was refused
 * @param clientId the client id as sent (may itself be the bad part), control characters escaped ({@link LogText})
 * @param username the username as sent, or null
 * @param topic the topic or filter, or null for a refused connection
 * @param reason why, in words
 */
public record AccessRefusal(Kind kind, String clientId, String username, String topic, String reason) {
  /** What a client chose is kept log-safe from here on: every log and store of a refusal gets it cleaned. */
  public AccessRefusal {
    clientId = LogText.clean(clientId);
    username = LogText.clean(username);
    topic = LogText.clean(topic);
    reason = LogText.clean(reason);
  }

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
