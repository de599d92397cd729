package io.campusguard.gateway.support;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.Topics;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Simulated campus devices: one MQTT connection publishing device payloads at QoS 1. */
public final class DevicePublisher implements AutoCloseable {
  private final EventCodec codec = EventCodec.withDefaults();
  private final MqttAsyncClient client;
  private final String campus;

  public DevicePublisher(String url, String username, String password, String campus) throws MqttException {
    this.campus = campus;
    this.client = new MqttAsyncClient(url, "devices-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setSocketFactory(new io.campusguard.runtime.net.NoDelaySocketFactory());
    if (username != null) {
      options.setUserName(username);
      options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    client.connect(options).waitForCompletion(10_000);
  }

  /** Publishes one valid message and waits for the broker's PUBACK. */
  public void publish(String device, EventBody body) throws MqttException {
    EventKind kind = body.kind();
    raw(Topics.campusDevice(campus, kind, device), codec.encodeDevice(Instant.now(), body));
  }

  /** Publishes any bytes on any topic and waits for the PUBACK. */
  public void raw(String topic, byte[] payload) throws MqttException {
    IMqttToken token = client.publish(topic, payload, 1, false);
    token.waitForCompletion(10_000);
  }

  @Override
  public void close() throws MqttException {
    client.disconnect(1_000).waitForCompletion(2_000);
    client.close(true);
  }
}
