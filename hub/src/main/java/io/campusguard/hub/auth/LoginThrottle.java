package io.campusguard.hub.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many failed logins an address and an account may have in a window before further attempts are refused
 * without a password check (each check is a bcrypt hash of the hub's CPU). A success clears the account's count,
 * not the address's: one good account must not reset an address guessing others. Bounded memory: the least
 * recently failing keys are forgotten past {@link #MAX_KEYS}. Thread-safe.
 */
public final class LoginThrottle {
  public static final int DEFAULT_PER_ACCOUNT = 5;
  public static final int DEFAULT_PER_ADDRESS = 20;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
  static final int MAX_KEYS = 10_000;

  private final int perAccount;
  private final int perAddress;
  private final Duration window;
  private final Map<String, Deque<Instant>> accounts = lru();
  private final Map<String, Deque<Instant>> addresses = lru();

  public LoginThrottle(int perAccount, int perAddress, Duration window) {
    if (perAccount < 1 || perAddress < 1) {
      throw new IllegalArgumentException("login limits: at least 1");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("login window: must be positive");
    }
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.window = window;
  }

  public static LoginThrottle defaults() {
    return new LoginThrottle(DEFAULT_PER_ACCOUNT, DEFAULT_PER_ADDRESS, DEFAULT_WINDOW);
  }

  /** How long {@code address} must wait before trying {@code account} again; empty when it may try now. */
  public synchronized Optional<Duration> waitBeforeTrying(String address, String account, Instant now) {
    Duration a = wait(addresses.get(address), perAddress, now);
    Duration b = wait(accounts.get(account), perAccount, now);
    Duration longest = a.compareTo(b) >= 0 ? a : b;
    return longest.isZero() ? Optional.empty() : Optional.of(longest);
  }

  public synchronized void failed(String address, String account, Instant now) {
    record(addresses, address, perAddress, now);
    record(accounts, account, perAccount, now);
  }

  public synchronized void succeeded(String account) {
    accounts.remove(account);
  }

  private Duration wait(Deque<Instant> failures, int limit, Instant now) {
    if (failures == null || failures.size() < limit) {
      return Duration.ZERO;
    }
    // The oldest of the last `limit` failures: when it leaves the window, one more try is allowed.
    Duration left = Duration.between(now, failures.peekFirst().plus(window));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private void record(Map<String, Deque<Instant>> map, String key, int limit, Instant now) {
    Deque<Instant> failures = map.computeIfAbsent(key, k -> new ArrayDeque<>());
    failures.addLast(now);
    while (failures.size() > limit || (!failures.isEmpty() && !failures.peekFirst().plus(window).isAfter(now))) {
      failures.removeFirst();
    }
  }

  private static Map<String, Deque<Instant>> lru() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
        return size() > MAX_KEYS;
      }
    };
  }
}
