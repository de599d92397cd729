package io.campusguard.broker.access;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to an embedded county broker and what each may do: its accounts and topic policy. Counts
 * every refusal by kind and hands each to an optional listener (the hub's security-event log).
 */
public final class BrokerAccess {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerAccess.class);

  private final CountyAccounts accounts;
  private final CountyTopicPolicy policy;
  private final Consumer<AccessRefusal> listener;
  private final Map<AccessRefusal.Kind, LongAdder> refusals = new EnumMap<>(AccessRefusal.Kind.class);

  /**
   * @param listener called for every refusal, on a broker thread: must be quick and must not throw; null for
   *     none (refusals are still counted and logged at debug)
   */
  public BrokerAccess(CountyAccounts accounts, CountyTopicPolicy policy, Consumer<AccessRefusal> listener) {
    this.accounts = Objects.requireNonNull(accounts, "accounts: required");
    this.policy = Objects.requireNonNull(policy, "policy: required");
    this.listener = listener;
    for (AccessRefusal.Kind k : AccessRefusal.Kind.values()) {
      refusals.put(k, new LongAdder());
    }
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
    return refusals.get(kind).sum();
  }

  public long refusalsTotal() {
    return refusals.values().stream().mapToLong(LongAdder::sum).sum();
  }

  void refused(AccessRefusal refusal) {
    refusals.get(refusal.kind()).increment();
    // One line per refusal at debug: a misbehaving gateway can send thousands; the counts and the listener
    // carry them to metrics and the security log.
    LOG.debug("county broker refused {}", refusal);
    if (listener != null) {
      try {
        listener.accept(refusal);
      } catch (RuntimeException e) {
        LOG.warn("refusal listener failed on {}", refusal, e);
      }
    }
  }
}
