package io.campusguard.gateway.dc09;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * DC-09's encryption: AES-128/192/256 in CBC with an all-zero IV and no padding scheme; the plaintext is brought to
 * a multiple of 16 bytes by pad characters in front, ended by {@code |}, and the ciphertext travels as hex.
 */
public final class Dc09Cipher {
  private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);
  private static final String PAD_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  /** @param key 16, 24 or 32 bytes */
  public Dc09Cipher(byte[] key) {
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalArgumentException("key: must be 16, 24 or 32 bytes (32, 48 or 64 hex digits)");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** The text after the pad's {@code |}, or empty when the hex does not decrypt to a padded message. */
  public Optional<String> decrypt(String hex) {
    if (hex.isEmpty() || hex.length() % 32 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return Optional.empty();
    }
    try {
      Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, ZERO_IV);
      String plain = new String(c.doFinal(HexFormat.of().parseHex(hex)), StandardCharsets.ISO_8859_1);
      int bar = plain.indexOf('|');
      return bar < 0 ? Optional.empty() : Optional.of(plain.substring(bar + 1));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** {@code text} padded in front ({@code pad… |text}) and encrypted, as upper-case hex. */
  public String encrypt(String text) {
    int padLength = 16 - (text.length() + 1) % 16;
    StringBuilder plain = new StringBuilder(padLength + 1 + text.length());
    for (int i = 0; i < padLength; i++) {
      plain.append(PAD_CHARS.charAt(RANDOM.nextInt(PAD_CHARS.length())));
    }
    plain.append('|').append(text);
    try {
      Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, ZERO_IV);
      return HexFormat.of().withUpperCase().formatHex(c.doFinal(plain.toString().getBytes(StandardCharsets.ISO_8859_1)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC/NoPadding unavailable", e);
    }
  }
}
