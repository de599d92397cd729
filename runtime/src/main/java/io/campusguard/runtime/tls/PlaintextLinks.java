package io.campusguard.runtime.tls;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule for MQTT links without TLS: plaintext ({@code tcp://}) is allowed to a loopback address (the one-box
 * demo), and to any other address only when that link's config says {@code allowPlaintext: true}; either way the
 * process logs a warning at start. Loopback is decided from the URL's text ({@code 127.x.x.x}, {@code ::1},
 * {@code localhost}), never by a DNS lookup, so a name that happens to resolve to loopback still counts as remote.
 */
public final class PlaintextLinks {
  private PlaintextLinks() {}

  /**
   * Checks one link.
   *
   * @param url {@code tcp://host:port} or {@code ssl://host:port}
   * @return the warning to log at start for a plaintext link, or empty for TLS
   * @throws IllegalArgumentException {@code "url: …"} when plaintext goes to a non-loopback host without
   *     {@code allowPlaintext}
   */
  public static Optional<String> check(String url, boolean allowPlaintext) {
    URI uri = URI.create(url);
    if (!"tcp".equals(uri.getScheme())) {
      return Optional.empty();
    }
    String host = uri.getHost();
    if (isLoopback(host)) {
      return Optional.of("plaintext MQTT to " + url + " (loopback only: for the one-box demo and tests)");
    }
    if (!allowPlaintext) {
      throw new IllegalArgumentException("url: plaintext (tcp://) to non-loopback host " + host
          + " is refused; use ssl:// with tls.caFile, or set allowPlaintext: true for this link");
    }
    return Optional.of("plaintext MQTT to " + url + " allowed by allowPlaintext: true; credentials and events cross the network unencrypted");
  }

  /** A listener's counterpart of {@link #check}: serving plaintext on {@code bindAddress}. */
  public static Optional<String> checkListener(String bindAddress, boolean allowPlaintext) {
    if (isLoopback(bindAddress)) {
      return Optional.of("plaintext MQTT listener on " + bindAddress + " (loopback only)");
    }
    if (!allowPlaintext) {
      throw new IllegalArgumentException("bindAddress: a plaintext listener on non-loopback address " + bindAddress
          + " is refused; configure tls, or set allowPlaintext: true");
    }
    return Optional.of("plaintext MQTT listener on " + bindAddress + " allowed by allowPlaintext: true");
  }

  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.matches("127(\\.\\d{1,3}){3}");
  }
}
