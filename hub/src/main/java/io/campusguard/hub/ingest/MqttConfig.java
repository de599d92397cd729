package io.campusguard.hub.ingest;

import io.campusguard.devices.Ids;
import io.campusguard.runtime.tls.TlsFiles;
import java.util.Objects;

/**
 * The county broker as the hub sees it. {@code clientId} must differ between hub instances; {@code sharedGroup}
 * must be the same for all of them (they split the campuses' events); null when this hub is the broker's only
 * reader of events (its own embedded broker), which then subscribes without a group: HiveMQ CE stops feeding a
 * shared QoS 1 subscription under load (hivemq-community-edition#558; seen here as telemetry stalled from the
 * demo's first minute while the group's queue grew). {@code receiveMaximum} bounds the events
 * in flight to this hub: the broker waits once that many are unacknowledged, which is the hub's back-pressure.
 * {@code tls} applies to an {@code ssl://} url: the CA the broker's certificate must chain to (its host name is
 * checked too) and an optional client certificate.
 */
public record MqttConfig(
    String url, String user, String password, String clientId, String sharedGroup, int receiveMaximum, TlsFiles tls) {
  public static final String DEFAULT_SHARED_GROUP = "hub";
  public static final int DEFAULT_RECEIVE_MAXIMUM = 256;

  public MqttConfig {
    Objects.requireNonNull(url, "mqtt.url: missing");
    if (!url.startsWith("tcp://") && !url.startsWith("ssl://")) {
      throw new IllegalArgumentException("mqtt.url: must start with tcp:// or ssl://");
    }
    if (!Ids.isValid(clientId)) {
      throw new IllegalArgumentException("mqtt.clientId: not an allowed id");
    }
    if (sharedGroup != null && !Ids.isValid(sharedGroup)) {
      throw new IllegalArgumentException("mqtt.sharedGroup: not an allowed id");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65_535) {
      throw new IllegalArgumentException("mqtt.receiveMaximum: must be 1..65535");
    }
    if (tls != null && url.startsWith("tcp://")) {
      throw new IllegalArgumentException("mqtt.tls: set for a tcp:// url; use ssl://");
    }
  }

  public MqttConfig(String url, String user, String password, String clientId, String sharedGroup, int receiveMaximum) {
    this(url, user, password, clientId, sharedGroup, receiveMaximum, null);
  }

  public MqttConfig(String url, String user, String password, String clientId) {
    this(url, user, password, clientId, DEFAULT_SHARED_GROUP, DEFAULT_RECEIVE_MAXIMUM);
  }

  /** The same, subscribing without a shared group: for the hub that is its broker's only reader of events. */
  public MqttConfig soleSubscriber() {
    return new MqttConfig(url, user, password, clientId, null, receiveMaximum, tls);
  }

  @Override
  public String toString() {
    return "MqttConfig[" + url + " as " + user + ", client " + clientId + ", " + (sharedGroup == null ? "sole subscriber" : "group " + sharedGroup) + "]";
  }
}
