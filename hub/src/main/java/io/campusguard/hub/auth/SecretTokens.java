package io.campusguard.hub.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Session ids and CSRF tokens: 256 random bits from {@link SecureRandom}, URL-safe Base64 (43 characters). */
public final class SecretTokens {
  static final int BYTES = 32;
  private final SecureRandom random;

  public SecretTokens(SecureRandom random) {
    this.random = random;
  }

  public SecretTokens() {
    this(new SecureRandom());
  }

  public String next() {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** What is stored for a session id: its SHA-256, so the table's content opens no session. */
  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** Compares in constant time; null never matches. */
  public static boolean same(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code s} looks like one of ours (before any database look-up). */
  public static boolean wellFormed(String s) {
    return s != null && s.length() == 43 && s.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
  }
}
