package io.campusguard.simulators.launcher;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** What the tests that run Debian's Mosquitto on a generated config use to watch it: its ports, and the topics a subscriber hears. */
final class MosquittoProbes {
  private MosquittoProbes() {}

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
  static boolean accepts(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A subscriber's callback that keeps the topic of every message it hears. */
  record Inbox(List<String> received) implements MqttCallback {
    @Override public void disconnected(MqttDisconnectResponse r) {}
    @Override public void mqttErrorOccurred(MqttException e) {}
    @Override public void messageArrived(String topic, MqttMessage m) { received.add(topic); }
    @Override public void deliveryComplete(IMqttToken t) {}
    @Override public void connectComplete(boolean reconnect, String uri) {}
    @Override public void authPacketArrived(int code, MqttProperties p) {}
  }
}
