package io.campusguard.gateway.mqtt;

import io.campusguard.runtime.tls.PlaintextLinks;
import io.campusguard.runtime.tls.TlsFiles;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One MQTT broker to connect to: URL ({@code tcp://host:port} or {@code ssl://host:port}), credentials,
 * the client id (stable, so the broker keeps the persistent session), how long the broker keeps the session
 * while we are away, the reconnect backoff bounds, and for {@code ssl://} the TLS files (CA, optional client
 * certificate). Plaintext to a non-loopback host is refused unless {@code allowPlaintext} ({@link PlaintextLinks}).
 */
public record MqttEndpoint(
    String url, String clientId, String username, String password, Duration sessionExpiry, Duration reconnectMin, Duration reconnectMax,
    TlsFiles tls, boolean allowPlaintext) {
  public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(7);
  public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(500);
  public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);

  public MqttEndpoint {
    Objects.requireNonNull(url, "url: required");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url: not a URI " + url);
    }
    if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
      throw new IllegalArgumentException("url: must start with tcp:// or ssl://, got " + url);
    }
    if (uri.getHost() == null || uri.getPort() < 1) {
      throw new IllegalArgumentException("url: needs a host and a port, got " + url);
    }
    PlaintextLinks.check(url, allowPlaintext);
    if (tls != null && "tcp".equals(uri.getScheme())) {
      throw new IllegalArgumentException("tls: set for a tcp:// url; use ssl://");
    }
    Objects.requireNonNull(clientId, "clientId: required");
    if (clientId.isBlank() || clientId.length() > 128) {
      throw new IllegalArgumentException("clientId: 1..128 characters");
    }
    sessionExpiry = sessionExpiry == null ? DEFAULT_SESSION_EXPIRY : sessionExpiry;
    reconnectMin = reconnectMin == null ? DEFAULT_RECONNECT_MIN : reconnectMin;
    reconnectMax = reconnectMax == null ? DEFAULT_RECONNECT_MAX : reconnectMax;
    if (reconnectMin.isZero() || reconnectMin.isNegative() || reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMin: must be positive and not above reconnectMax");
    }
  }

  /** An endpoint without TLS files (plaintext allowed to loopback only). */
  public MqttEndpoint(
      String url, String clientId, String username, String password, Duration sessionExpiry, Duration reconnectMin, Duration reconnectMax) {
    this(url, clientId, username, password, sessionExpiry, reconnectMin, reconnectMax, null, false);
  }

  public MqttEndpoint withClientId(String id) {
    return new MqttEndpoint(url, id, username, password, sessionExpiry, reconnectMin, reconnectMax, tls, allowPlaintext);
  }

  public boolean isPlainTcp() {
    return url.startsWith("tcp://");
  }

  /** The warning to log at start when this link is plaintext, or empty for TLS. */
  public Optional<String> plaintextWarning() {
    return PlaintextLinks.check(url, allowPlaintext);
  }

  @Override
  public String toString() {
    return "MqttEndpoint[" + url + ", client " + clientId + ", user " + username + (password == null ? "" : ", password hidden") + "]";
  }
}
