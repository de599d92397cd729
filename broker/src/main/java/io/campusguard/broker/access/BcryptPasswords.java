package io.campusguard.broker.access;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Password hashes for the county broker's accounts: bcrypt ({@code $2y$}) from BouncyCastle, whose check
 * compares in constant time. Plain-text passwords are never stored or compared.
 */
public final class BcryptPasswords {
  /** About 60 ms per check on the county's server: 129 gateways reconnecting at once cost a few seconds of CPU. */
  public static final int DEFAULT_COST = 10;
  /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
  public static final int MAX_PASSWORD_BYTES = 72;
  /** Generated passwords: 24 random bytes, 32 characters of URL-safe Base64 (no ':' for Mosquitto's files). */
  public static final int GENERATED_BYTES = 24;

  private final SecureRandom random;
  private final int cost;
  private final java.util.concurrent.atomic.AtomicLong checks = new java.util.concurrent.atomic.AtomicLong();
  // Checked against when the username is unknown, so an unknown user costs as long as a wrong password. Made at
  // the first such check, on the caller's (worker) thread: made here it cost a bcrypt on the hub's event loop at start.
  private volatile String decoy;

  public BcryptPasswords(SecureRandom random, int cost) {
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("cost: outside 4..31");
    }
    this.random = random;
    this.cost = cost;
  }

  public BcryptPasswords() {
    this(new SecureRandom(), DEFAULT_COST);
  }

  private String decoy() {
    String d = decoy;
    if (d == null) {
      synchronized (this) {
        if (decoy == null) {
          decoy = hash(generate());
        }
        d = decoy;
      }
    }
    return d;
  }

  /** A new random password for an account. */
  public String generate() {
    byte[] bytes = new byte[GENERATED_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The bcrypt string ({@code $2y$10$…}) of {@code password}, with a fresh salt. */
  public String hash(String password) {
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0 || bytes.length > MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException("password: 1.." + MAX_PASSWORD_BYTES + " bytes");
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", bytes, salt, cost);
  }

  /**
   * Whether {@code password} matches {@code hash}; a null hash (unknown user) is checked against a decoy so it
   * takes as long and is false.
   */
  public boolean matches(String hash, byte[] password) {
    boolean usable = password != null && password.length > 0 && password.length <= MAX_PASSWORD_BYTES;
    byte[] candidate = usable ? password : new byte[] {0};
    checks.incrementAndGet();
    boolean ok;
    try {
      ok = OpenBSDBCrypt.checkPassword(hash == null ? decoy() : hash, candidate);
    } catch (IllegalArgumentException | NullPointerException malformedHash) {
      ok = false;
    }
    return ok && usable && hash != null;
  }

  /** The bcrypt checks {@link #matches} has made: each costs tens of milliseconds of CPU. */
  public long checks() {
    return checks.get();
  }

  /** Whether {@code hash} is a bcrypt string this class can check. */
  public static boolean isBcrypt(String hash) {
    return hash != null && hash.matches("\\$2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
  }
}
