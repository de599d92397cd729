package io.campusguard.broker.access;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.broker.BrokerSettings;
import io.campusguard.broker.EmbeddedMqttBroker;
import io.campusguard.broker.TlsListener;
import io.campusguard.runtime.tls.CountyPki;
import io.campusguard.runtime.tls.TlsFiles;
import io.campusguard.runtime.tls.TlsMaterial;
import io.campusguard.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded county broker's TLS listener: gateways reach it only with the county CA and the host name its
 * certificate names; a gateway may prove its identity with a client certificate of that CA instead of its
 * password, but never another gateway's.
 */
@Timeout(180)
class EmbeddedBrokerTlsTest {
  private static Path pki;
  private static List<BrokerCredential> credentials;
  private static BrokerAccess access;
  private static EmbeddedMqttBroker broker;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("county-tls-");
    pki = dir.resolve("pki");
    // The broker's certificate names "localhost" only: ssl://127.0.0.1 must then fail the host name check.
    TestPki.write(pki, "gw-LP-001", "gw-LP-002");
    // A certificate naming a real gateway, from a CA the broker does not trust.
    CountyPki stranger = new CountyPki();
    CountyPki.Issued forged = stranger.issueClient(
        stranger.createCa("Another CA", Instant.now(), CountyPki.DEFAULT_CA_VALIDITY), "gw-LP-001", Instant.now(), CountyPki.DEFAULT_VALIDITY);
    CountyPki.writeCertificates(pki.resolve("forged.pem"), forged.certificate());
    CountyPki.writeKey(pki.resolve("forged.key"), forged.key());

    BcryptPasswords passwords = new BcryptPasswords(new SecureRandom(), 4);
    credentials = CountyBrokerFiles.generate(List.of("LP-001", "LP-002"), List.of("hub"), passwords);
    // LP-001 bound to the certificate it was issued; LP-002's box was replaced: its account is bound to the new box's
    // certificate, and the one issued here is the old box's.
    access = new BrokerAccess(CountyBrokerFiles.accounts(credentials, passwords).withCertificates(Map.of(
        "gw-LP-001", CertificateFingerprint.ofPem(Path.of(file("gw-LP-001.pem"))), "gw-LP-002", "sha256:" + "ab".repeat(32))),
        CountyTopicPolicy.standard(), null);
    TlsListener tls = new TlsListener("127.0.0.1", 0,
        new TlsFiles(file("ca.pem"), file("broker.pem"), file("broker.key"), null), TlsListener.ClientAuth.OPTIONAL);
    broker = new EmbeddedMqttBroker("county-tls", BrokerSettings.of(0, dir.resolve("broker")).withAccess(access).withTls(tls), null);
    broker.start().get(60, SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.stop().get(30, SECONDS);
    }
  }

  /** Verifies that a gateway with the county CA and its password connects over TLS and may publish its events. */
  @Test
  void gatewayWithCaAndPasswordConnects() throws Exception {
    MqttClient c = connect("localhost", TlsFiles.trusting(file("ca.pem")), "gw-LP-001", password("gw-LP-001"));
    c.publish("county/LP-001/events", "{}".getBytes(UTF_8), 1, false);
    assertThat(c.isConnected()).isTrue();
    c.disconnect();
    c.close();
  }

  /** Verifies that a server certificate of another CA is refused by the client. */
  @Test
  void wrongCaIsRefused() {
    assertThatThrownBy(() -> connect("localhost", TlsFiles.trusting(file("other-ca.pem")), "gw-LP-001", password("gw-LP-001")))
        .satisfies(e -> assertThat(causes(e)).anyMatch(SSLException.class::isInstance));
  }

  /** Verifies that a host name the certificate does not name is refused, although the CA is right. */
  @Test
  void wrongHostNameIsRefused() {
    assertThatThrownBy(() -> connect("127.0.0.1", TlsFiles.trusting(file("ca.pem")), "gw-LP-001", password("gw-LP-001")))
        .satisfies(e -> assertThat(causes(e)).anyMatch(SSLException.class::isInstance));
  }

  /** Verifies that a client certificate of the county CA logs its gateway in without a password, on its own topics only. */
  @Test
  void clientCertificateProvesItsGateway() throws Exception {
    TlsFiles withCert = new TlsFiles(file("ca.pem"), file("gw-LP-001.pem"), file("gw-LP-001.key"), null);
    MqttClient c = connect("localhost", withCert, null, null);
    c.publish("county/LP-001/events", "{}".getBytes(UTF_8), 1, false);
    assertThat(c.isConnected()).isTrue();
    c.disconnect();
    c.close();
    long before = access.refusals(AccessRefusal.Kind.BAD_CREDENTIALS);
    assertThatThrownBy(() -> connect("localhost", withCert, "gw-LP-002", password("gw-LP-002")))
        .as("LP-001's certificate with LP-002's username and password")
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    assertThat(access.refusals(AccessRefusal.Kind.BAD_CREDENTIALS)).isEqualTo(before + 1);
  }

  /**
   * Verifies that the certificate of a replaced box, signed by the county CA and naming its gateway, no longer logs
   * in, alone or with the gateway's password, while the gateway's password alone still does.
   */
  @Test
  void replacedBoxCertificateIsRefused() throws Exception {
    TlsFiles old = new TlsFiles(file("ca.pem"), file("gw-LP-002.pem"), file("gw-LP-002.key"), null);
    long before = access.refusals(AccessRefusal.Kind.BAD_CREDENTIALS);
    assertThatThrownBy(() -> connect("localhost", old, "gw-LP-002", null))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    assertThatThrownBy(() -> connect("localhost", old, "gw-LP-002", password("gw-LP-002")))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    assertThat(access.refusals(AccessRefusal.Kind.BAD_CREDENTIALS)).isEqualTo(before + 2);
    // control: the password over TLS without the old certificate
    MqttClient c = connect("localhost", TlsFiles.trusting(file("ca.pem")), "gw-LP-002", password("gw-LP-002"));
    assertThat(c.isConnected()).isTrue();
    c.disconnect();
    c.close();
  }

  /** Verifies that a client certificate of another CA naming a real gateway does not get through the handshake. */
  @Test
  void foreignClientCertificateIsRefused() {
    TlsFiles forged = new TlsFiles(file("ca.pem"), file("forged.pem"), file("forged.key"), null);
    assertThatThrownBy(() -> connect("localhost", forged, null, null)).isInstanceOf(MqttException.class);
  }

  /** Verifies that without a certificate and without a password nobody gets in over TLS either. */
  @Test
  void noPasswordNoCertificateIsRefused() {
    assertThatThrownBy(() -> connect("localhost", TlsFiles.trusting(file("ca.pem")), "gw-LP-001", null))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
  }

  private static MqttClient connect(String host, TlsFiles tls, String username, String password) throws MqttException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(TlsMaterial.clientSocketFactory(tls));
    o.setHttpsHostnameVerificationEnabled(true);
    o.setConnectionTimeout(10);
    if (username != null) {
      o.setUserName(username);
    }
    if (password != null) {
      o.setPassword(password.getBytes(UTF_8));
    }
    // A certificate-only login is the certificate's gateway (these tests use LP-001's), whose ids start with its name.
    MqttClient c = new MqttClient(broker.tlsUrl(host), (username == null ? "gw-LP-001" : username) + "-tls-" + System.nanoTime(),
        new MemoryPersistence());
    try {
      c.connect(o);
    } catch (MqttException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private static String password(String username) {
    return credentials.stream().filter(c -> c.identity().username().equals(username)).findFirst().orElseThrow().password();
  }

  private static String file(String name) {
    return pki.resolve(name).toString();
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
      all.add(t);
    }
    return all;
  }

}
