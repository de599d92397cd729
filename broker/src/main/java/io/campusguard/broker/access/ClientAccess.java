package io.campusguard.broker.access;

import java.util.Optional;

/**
 * Who may connect to an embedded broker and what each client may do, as {@link BrokerAccessExtension} enforces
 * it: the county broker's gateway and hub accounts ({@link BrokerAccess}), or a campus broker's devices
 * ({@link CampusDeviceAccess}). Default deny: a name this access does not know may do nothing.
 */
public interface ClientAccess {
  /**
   * Whether {@code password} is {@code username}'s. Takes a bcrypt check's time whether or not the username
   * exists; called off the broker's threads.
   */
  boolean authenticate(String username, byte[] password);

  /** Whether {@code username} has an account (no password check: for a client proved by its certificate). */
  boolean knows(String username);

  /**
   * Why the client certificate with this fingerprint may not stand for {@code username} on its own (no password),
   * or empty when it may. By default a certificate of the CA naming a known account may.
   */
  default java.util.Optional<String> certificateRefusal(String username, String fingerprint) {
    return knows(username) ? java.util.Optional.empty() : java.util.Optional.of("client certificate for an unknown identity");
  }

  /** Whether a certificate shown along with a password must be the bound one too (the account is bound to one). */
  default boolean boundToCertificate(String username) {
    return false;
  }

  /** Why {@code username} may not publish to {@code topic} (its last will included), or empty when it may. */
  Optional<String> publishRefusal(String username, String topic);

  /** Why {@code username} may not subscribe to {@code filter}, or empty when it may. */
  Optional<String> subscribeRefusal(String username, String filter);

  /** Counts and reports one refusal; quick, never throws. */
  void refused(AccessRefusal refusal);
}
