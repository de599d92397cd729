package io.campusguard.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.testing.TestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real Mosquitto broker started by scripts/test.sh: credentials, ACL and QoS 1 round trip. */
@Timeout(60)
class MosquittoIntegrationTest {

    /** MQTT 5 CONNACK reason codes a broker uses to refuse bad credentials. */
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int NOT_AUTHORIZED = 0x87;

    private final List<MqttClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws MqttException {
        for (MqttClient client : clients) {
            if (client.isConnected()) {
                client.disconnect(5_000);
            }
            client.close(true);
        }
    }

    /** Verifies that a QoS 1 message published with credentials reaches a subscriber byte for byte. */
    @Test
    void qos1MessageRoundTripsThroughTheBroker() throws Exception {
        // given a subscriber on a topic no other test uses
        String topic = "itest/" + UUID.randomUUID() + "/campus/LP-017/panic/PB-03";
        CompletableFuture<MqttMessage> received = new CompletableFuture<>();
        MqttClient subscriber = connect("itest-sub-", TestServices.mqttPassword(), new ReceiveOnce(topic, received));
        IMqttToken subscription = subscriber.subscribe(topic, 1);
        assertThat(subscription.getGrantedQos()).containsExactly(1);

        // when a publisher sends one QoS 1 message
        byte[] payload = ("{\"kind\":\"panic\",\"note\":\"Notruf 🚨\",\"id\":\"" + UUID.randomUUID() + "\"}").getBytes(UTF_8);
        MqttClient publisher = connect("itest-pub-", TestServices.mqttPassword(), null);
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        publisher.publish(topic, message);

        // then the subscriber gets exactly that payload, at QoS 1
        MqttMessage got = received.get(10, SECONDS);
        assertThat(got.getPayload()).isEqualTo(payload);
        assertThat(got.getQos()).isEqualTo(1);
    }

    /** Verifies that the broker refuses a wrong password (so the round trip above proves auth is on). */
    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> connect("itest-bad-", "not-" + TestServices.mqttPassword(), null))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                        .isIn(BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED));
        assertThat(clients).singleElement().satisfies(client -> assertThat(client.isConnected()).isFalse());
    }

    private MqttClient connect(String idPrefix, String password, MqttCallback callback) throws MqttException {
        MqttClient client = new MqttClient(TestServices.mqttUrl(), idPrefix + UUID.randomUUID(), new MemoryPersistence());
        clients.add(client);
        if (callback != null) {
            client.setCallback(callback);
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(TestServices.mqttUser());
        options.setPassword(password.getBytes(UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        client.connect(options);
        return client;
    }

    /** Completes the future with the first message on the topic; any other event fails it. */
    private static final class ReceiveOnce implements MqttCallback {
        private final String topic;
        private final CompletableFuture<MqttMessage> received;

        ReceiveOnce(String topic, CompletableFuture<MqttMessage> received) {
            this.topic = topic;
            this.received = received;
        }

        @Override
        public void messageArrived(String arrivedTopic, MqttMessage message) {
            if (topic.equals(arrivedTopic)) {
                received.complete(message);
            } else {
                received.completeExceptionally(new AssertionError("message on unexpected topic " + arrivedTopic));
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            received.completeExceptionally(new AssertionError("subscriber disconnected: " + response));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            received.completeExceptionally(exception);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // the subscriber publishes nothing
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // nothing to do: connect() is synchronous
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
