package io.campusguard.broker.access;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Successful broker logins remembered for a short while, so a client that reconnects (129 gateways after a county
 * outage, a device on a flaky link) costs one bcrypt check, not one per CONNECT. Only successes are kept, as an
 * HMAC of the password under a key made at start (never the password, never kept on disk); a failure always costs
 * the full check. An account whose password changes is checked again at once (the HMAC no longer matches); one
 * removed stays usable at most {@link #DEFAULT_TTL} with the password it had.
 */
public final class RecentLogins {
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
  /** Past this many remembered logins the cache starts over: a county has a few hundred accounts. */
  static final int MAX_ENTRIES = 10_000;

  private record Entry(byte[] mac, long expiresAtNanos) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final SecretKeySpec key;
  private final long ttlNanos;
  private final LongSupplier nanoTime;

  public RecentLogins(Duration ttl, LongSupplier nanoTime) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl: negative");
    }
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    this.key = new SecretKeySpec(k, "HmacSHA256");
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  public RecentLogins() {
    this(DEFAULT_TTL, System::nanoTime);
  }

  /** Whether {@code username} logged in with this very password less than the TTL ago. */
  public boolean verifiedRecently(String username, byte[] password) {
    if (username == null || password == null || ttlNanos == 0) {
      return false;
    }
    Entry e = entries.get(username);
    if (e == null) {
      return false;
    }
    if (nanoTime.getAsLong() - e.expiresAtNanos() >= 0) {
      entries.remove(username, e);
      return false;
    }
    return MessageDigest.isEqual(e.mac(), mac(password));
  }

  /** Remembers a login that bcrypt has just verified. */
  public void remember(String username, byte[] password) {
    if (username == null || password == null || ttlNanos == 0) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(username, new Entry(mac(password), nanoTime.getAsLong() + ttlNanos));
  }

  private byte[] mac(byte[] password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(password);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
