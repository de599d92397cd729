package io.campusguard.broker.access;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who may connect to an embedded county broker and what each may do: its accounts and topic policy. Counts
 * every refusal by kind and hands each to an optional listener (the hub's security-event log).
 */
public final class BrokerAccess implements ClientAccess {
  private final CountyAccounts accounts;
  private final CountyTopicPolicy policy;
  private final AccessRefusals refusals;

  /**
   * @param listener called for every refusal, on a broker thread: must be quick and must not throw; null for
   *     none (refusals are still counted and logged at debug)
   */
  public BrokerAccess(CountyAccounts accounts, CountyTopicPolicy policy, Consumer<AccessRefusal> listener) {
    this.accounts = Objects.requireNonNull(accounts, "accounts: required");
    this.policy = Objects.requireNonNull(policy, "policy: required");
    this.refusals = new AccessRefusals("county broker", listener);
  }

  public static BrokerAccess of(CountyAccounts accounts) {
    return new BrokerAccess(accounts, CountyTopicPolicy.standard(), null);
  }

  public CountyAccounts accounts() {
    return accounts;
  }

  public CountyTopicPolicy policy() {
    return policy;
  }

  /** Refusals of this kind since the broker started. */
  public long refusals(AccessRefusal.Kind kind) {
    return refusals.count(kind);
  }

  public long refusalsTotal() {
    return refusals.total();
  }

  @Override
  public Optional<String> certificateRefusal(String username, String fingerprint) {
    return accounts.certificateRefusal(username, fingerprint);
  }

  @Override
  public boolean boundToCertificate(String username) {
    return accounts.boundToCertificate(username);
  }

  @Override
  public boolean authenticate(String username, byte[] password) {
    return accounts.authenticate(username, password).isPresent();
  }

  @Override
  public boolean knows(String username) {
    return accounts.identity(username).isPresent();
  }

  @Override
  public Optional<String> publishRefusal(String username, String topic) {
    return accounts.identity(username).map(id -> policy.publishRefusal(id, topic)).orElse(Optional.of("not authenticated"));
  }

  @Override
  public Optional<String> subscribeRefusal(String username, String filter) {
    return accounts.identity(username).map(id -> policy.subscribeRefusal(id, filter)).orElse(Optional.of("not authenticated"));
  }

  @Override
  public void refused(AccessRefusal refusal) {
    refusals.record(refusal);
  }
}
