package io.campusguard.hub.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.broker.TlsListenerSettings;
import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.broker.access.BrokerCredential;
import io.campusguard.broker.access.CountyBrokerFiles;
import io.campusguard.broker.access.CountyTopicPolicy;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.TestDatabase;
import io.campusguard.runtime.tls.TlsFiles;
import io.campusguard.runtime.tls.TlsMaterial;
import io.campusguard.testing.TestPki;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The hub's embedded county broker with {@code embedded.brokerTls} and accounts: gateways in over TLS only as themselves. */
@Timeout(240)
class EmbeddedBrokerTlsTest {
  @TempDir Path dir;

  /** Verifies password and certificate logins over the TLS listener, and that another CA's trust fails the handshake. */
  @Test
  void gatewaysReachTheEmbeddedBrokerOverTls() throws Exception {
    TestPki.write(dir, "gw-LP-801");
    BcryptPasswords passwords = new BcryptPasswords(new SecureRandom(), 4);
    List<BrokerCredential> credentials = CountyBrokerFiles.generate(List.of("LP-801"), List.of("hub"), passwords);
    CountyBrokerFiles.write(dir.resolve("accounts"), credentials, CountyTopicPolicy.standard(), passwords, Optional.empty(),
        java.util.Map.of("gw-LP-801", io.campusguard.broker.access.CertificateFingerprint.ofPem(Path.of(file("gw-LP-801.pem")))));

    TestDatabase db = new TestDatabase();
    HubConfig config = new HubConfig(
        new HubConfig.Database(db.config().jdbcUrl(), db.config().user(), db.config().password(), 2),
        new HubConfig.Mqtt(null, "hub", password(credentials, "hub"), null, null, null),
        new HubConfig.Http("127.0.0.1", 0), null, null, null,
        new HubConfig.Embedded(dir.resolve("hub").toString(), 0, dir.resolve("accounts").resolve(CountyBrokerFiles.ACCOUNTS).toString(),
            new TlsListenerSettings("127.0.0.1", 0, file("broker.pem"), file("broker.key"), null, file("ca.pem"), "optional")),
        null);
    Hub hub = Hub.start(config).await(2, TimeUnit.MINUTES);
    try {
      int port = hub.embeddedBrokerTlsPort();
      assertThat(port).isPositive();
      connect(port, TlsFiles.trusting(file("ca.pem")), "gw-LP-801", password(credentials, "gw-LP-801")).disconnect();
      connect(port, new TlsFiles(file("ca.pem"), file("gw-LP-801.pem"), file("gw-LP-801.key"), null), null, null).disconnect();
      assertThatThrownBy(() -> connect(port, TlsFiles.trusting(file("other-ca.pem")), "gw-LP-801", password(credentials, "gw-LP-801")))
          .isInstanceOf(MqttException.class);
      assertThatThrownBy(() -> connect(port, TlsFiles.trusting(file("ca.pem")), "gw-LP-801", "wrong"))
          .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    } finally {
      hub.stop().await(1, TimeUnit.MINUTES);
      db.close();
    }
  }

  private static MqttClient connect(int port, TlsFiles tls, String user, String password) throws MqttException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(TlsMaterial.clientSocketFactory(tls));
    o.setConnectionTimeout(10);
    if (user != null) {
      o.setUserName(user);
      o.setPassword(password.getBytes(UTF_8));
    }
    MqttClient c = new MqttClient("ssl://localhost:" + port, "gw-LP-801-" + System.nanoTime(), new MemoryPersistence());
    try {
      c.connect(o);
    } catch (MqttException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  private static String password(List<BrokerCredential> credentials, String username) {
    return credentials.stream().filter(c -> c.identity().username().equals(username)).findFirst().orElseThrow().password();
  }
}
