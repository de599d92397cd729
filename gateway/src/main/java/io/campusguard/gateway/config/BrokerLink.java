package io.campusguard.gateway.config;

import io.campusguard.gateway.mqtt.MqttEndpoint;
import java.time.Duration;

/**
 * How to reach an MQTT broker. {@code clientId} defaults per role (stable, so the broker keeps our persistent
 * session across restarts). Validated where it becomes an {@link MqttEndpoint}.
 */
public record BrokerLink(
    String url, String username, String password, String clientId, Duration sessionExpiry, Duration reconnectMin, Duration reconnectMax) {

  public MqttEndpoint endpoint(String defaultClientId) {
    return new MqttEndpoint(
        url, clientId == null ? defaultClientId : clientId, username, password, sessionExpiry, reconnectMin, reconnectMax);
  }

  public static BrokerLink of(String url, String username, String password) {
    return new BrokerLink(url, username, password, null, null, null, null);
  }
}
