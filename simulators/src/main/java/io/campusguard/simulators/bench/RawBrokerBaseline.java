package io.campusguard.simulators.bench;

import io.campusguard.runtime.net.NoDelaySocketFactory;
import io.campusguard.simulators.report.LatencyStats;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The baseline every CampusGuard figure is a ratio of: a raw Paho publisher → broker → Paho subscriber, QoS 1,
 * with TCP_NODELAY and a bounded in-flight window, on the same broker and machine in the same run. It does no
 * validation, storage or acknowledgement work, which is what the gateway and hub add.
 */
public final class RawBrokerBaseline {
  public static final int IN_FLIGHT = 500;

  private RawBrokerBaseline() {}

  /** Rate in messages a second (first publish to last receipt) and publish→receive latency. */
  public record Result(long messages, double ratePerS, LatencyStats.Latency latencyMs) {}

  public static Result measure(String brokerUrl, String user, String password, int messages, int payloadBytes) throws Exception {
    return measure(brokerUrl, brokerUrl, "bench/raw/" + UUID.randomUUID(), user, password, messages, payloadBytes);
  }

  /**
   * Publishes on one broker and receives on another (the same one for the raw baseline; a campus broker and the
   * county broker it bridges to for the bridge comparison).
   */
  public static Result measure(String publishUrl, String subscribeUrl, String topic, String user, String password, int messages, int payloadBytes)
      throws Exception {
    LatencyStats latency = new LatencyStats(3600);
    CountDownLatch received = new CountDownLatch(messages);
    MqttAsyncClient sub = client(subscribeUrl, "bench-sub-");
    MqttAsyncClient pub = client(publishUrl, "bench-pub-");
    long[] start = new long[1];
    sub.setCallback(
        new Callback() {
          @Override
          public void messageArrived(String t, MqttMessage m) {
            long sentNs = ByteBuffer.wrap(m.getPayload()).getLong();
            long now = System.nanoTime();
            synchronized (latency) {
              latency.record((now - start[0]) / 1e9, (now - sentNs) / 1_000_000);
            }
            received.countDown();
          }
        });
    try {
      connect(sub, user, password);
      connect(pub, user, password);
      sub.subscribe(topic, 1).waitForCompletion(10_000);
      Semaphore window = new Semaphore(IN_FLIGHT);
      MqttActionListener release =
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              window.release();
            }
          };
      start[0] = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        byte[] payload = new byte[Math.max(8, payloadBytes)];
        ByteBuffer.wrap(payload).putLong(System.nanoTime());
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        window.acquire();
        pub.publish(topic, m, null, release);
      }
      if (!received.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("raw broker baseline: only " + (messages - received.getCount()) + " of " + messages + " arrived");
      }
      double seconds = (System.nanoTime() - start[0]) / 1e9;
      return new Result(messages, messages / seconds, latency.summary());
    } finally {
      close(pub);
      close(sub);
    }
  }

  private static MqttAsyncClient client(String url, String prefix) throws MqttException {
    return new MqttAsyncClient(url, prefix + UUID.randomUUID(), new MemoryPersistence());
  }

  private static void connect(MqttAsyncClient c, String user, String password) throws MqttException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(new NoDelaySocketFactory());
    o.setCleanStart(true);
    o.setReceiveMaximum(IN_FLIGHT * 2);
    if (user != null) {
      o.setUserName(user);
      o.setPassword(password == null ? new byte[0] : password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    c.connect(o).waitForCompletion(10_000);
  }

  private static void close(MqttAsyncClient c) {
    try {
      if (c.isConnected()) {
        c.disconnect().waitForCompletion(5_000);
      }
      c.close();
    } catch (MqttException ignored) {
      // The measurement is already taken.
    }
  }

  /** Only {@link #messageArrived} matters for a baseline. */
  private abstract static class Callback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse r) {}

    @Override
    public void mqttErrorOccurred(MqttException e) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
