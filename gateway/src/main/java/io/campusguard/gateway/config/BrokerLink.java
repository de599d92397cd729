package io.campusguard.gateway.config;

import io.campusguard.gateway.mqtt.MqttEndpoint;
import io.campusguard.runtime.tls.TlsFiles;
import java.time.Duration;

/**
 * How to reach an MQTT broker. {@code clientId} defaults per role (stable, so the broker keeps our persistent
 * session across restarts). Validated where it becomes an {@link MqttEndpoint}.
 *
 * <pre>
 * countyBroker:
 *   url: ssl://county.example:8883
 *   username: gw-LP-017
 *   password: …
 *   tls: { caFile: /etc/campusguard/pki/county-ca.pem, certFile: gw-LP-017.pem, keyFile: gw-LP-017.key }
 * </pre>
 *
 * @param tls for {@code ssl://}: the CA the broker's certificate must chain to, and an optional client certificate
 * @param allowPlaintext lets {@code tcp://} go to a non-loopback host (refused otherwise)
 */
public record BrokerLink(
    String url, String username, String password, String clientId, Duration sessionExpiry, Duration reconnectMin, Duration reconnectMax,
    TlsFiles tls, Boolean allowPlaintext) {

  /** A link without TLS settings. */
  public BrokerLink(
      String url, String username, String password, String clientId, Duration sessionExpiry, Duration reconnectMin, Duration reconnectMax) {
    this(url, username, password, clientId, sessionExpiry, reconnectMin, reconnectMax, null, null);
  }

  /**
   * The endpoint, its client id {@code clientId} or else {@code defaultClientId} under the username: a broker of
   * ours lets an account use only client ids that are its username or start with it and {@code -} (so a stolen
   * login cannot knock another client off by taking its id), hence {@code gw-LP-017-cg-gw-up-LP-017}.
   */
  public MqttEndpoint endpoint(String defaultClientId) {
    String fallback = username == null || defaultClientId.equals(username) || defaultClientId.startsWith(username + "-")
        ? defaultClientId : username + "-" + defaultClientId;
    return new MqttEndpoint(
        url, clientId == null ? fallback : clientId, username, password, sessionExpiry, reconnectMin, reconnectMax, tls,
        Boolean.TRUE.equals(allowPlaintext));
  }

  public static BrokerLink of(String url, String username, String password) {
    return new BrokerLink(url, username, password, null, null, null, null);
  }

  /** This link over TLS with {@code tls}. */
  public BrokerLink withTls(String sslUrl, TlsFiles files) {
    return new BrokerLink(sslUrl, username, password, clientId, sessionExpiry, reconnectMin, reconnectMax, files, allowPlaintext);
  }

  @Override
  public String toString() {
    return "BrokerLink[" + url + " as " + username + (password == null ? "" : ", password hidden") + (tls == null ? "" : ", " + tls) + "]";
  }
}
