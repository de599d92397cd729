package io.campusguard.simulators.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.broker.access.CountyBrokerFiles;
import io.campusguard.runtime.tls.TlsFiles;
import io.campusguard.runtime.tls.TlsMaterial;
import io.campusguard.testing.TestServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code pki} command's files verify, and a Mosquitto run on {@code broker-access --pki}'s config serves gateways over TLS. */
@Timeout(180)
class PkiCommandTest {
  @TempDir Path dir;

  /** Verifies chain, validity, SANs, purposes and file modes of the CA, broker and gateway certificates; the CA is reused. */
  @Test
  void outputVerifies() throws Exception {
    Path pki = dir.resolve("pki");
    String printed = run(new PkiCommand(), "--out", pki.toString(), "--campuses", "LP-001,LP-002", "--san", "county.example,10.20.0.5",
        "--days", "400");
    X509Certificate ca = TlsMaterial.readCertificates("ca", pki.resolve(PkiCommand.CA_CERT)).get(0);
    List<X509Certificate> broker = TlsMaterial.readCertificates("broker", pki.resolve(PkiCommand.BROKER_CERT));
    validate(broker.get(0), ca);
    assertThat(broker.get(0).getSubjectAlternativeNames()).extracting(n -> n.get(0) + ":" + n.get(1))
        .containsExactlyInAnyOrder("2:county.example", "7:10.20.0.5");
    assertThat(broker.get(0).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(broker.get(0).getNotAfter().toInstant()).isBetween(Instant.now().plus(Duration.ofDays(399)), Instant.now().plus(Duration.ofDays(401)));
    for (String campus : List.of("LP-001", "LP-002")) {
      X509Certificate gw = TlsMaterial.readCertificates("gw", pki.resolve("gateways/gw-" + campus + ".pem")).get(0);
      validate(gw, ca);
      assertThat(gw.getSubjectX500Principal().getName()).contains("CN=gw-" + campus);
      assertThat(gw.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
      assertThat(mode(pki.resolve("gateways/gw-" + campus + ".key"))).isEqualTo("rw-------");
    }
    assertThat(mode(pki.resolve(PkiCommand.CA_KEY))).isEqualTo("rw-------");
    assertThat(mode(pki.resolve(PkiCommand.BROKER_KEY))).isEqualTo("rw-------");
    assertThat(printed).contains("brokerTls", "ssl://county.example:8883");
    // the config lines name the installed files (install.md), never this output folder with the CA key in it
    assertThat(printed).contains("certFile: /etc/campusguard/pki/county-broker.pem", "keyFile: /etc/campusguard/pki/county-broker.key",
        "caFile: /etc/campusguard/pki/county-ca.pem", "certFile: /etc/campusguard/pki/gateways/gw-LP-001.pem",
        "keyFile: /etc/campusguard/pki/gateways/gw-LP-001.key");
    assertThat(printed.lines().filter(l -> l.contains("File: ")).toList()).as(printed).noneMatch(l -> l.contains(pki.toString()));
    BrokerAccessCommandTest.assertHintsAgreeWithTheGuide(printed);

    // a second run refuses to overwrite, and with --force issues new certificates from the same CA
    StringWriter err = new StringWriter();
    assertThat(new CommandLine(new PkiCommand()).setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
        .execute("--out", pki.toString(), "--campuses", "LP-001", "--san", "county.example")).isNotZero();
    assertThat(err.toString()).contains("--force");
    run(new PkiCommand(), "--out", pki.toString(), "--campuses", "LP-003", "--san", "county.example", "--force");
    assertThat(TlsMaterial.readCertificates("ca", pki.resolve(PkiCommand.CA_CERT)).get(0)).isEqualTo(ca);
    validate(TlsMaterial.readCertificates("gw", pki.resolve("gateways/gw-LP-003.pem")).get(0), ca);
  }

  /**
   * Verifies that Mosquitto on the generated config lets a gateway in over TLS with its password, delivering to the
   * hub, and that another gateway's login cannot take the hub's or that gateway's client id to cut it off.
   */
  @Test
  void mosquittoServesGatewaysOverTlsFromTheGeneratedConfig() throws Exception {
    Path pki = dir.resolve("pki");
    Path access = dir.resolve("county-broker");
    int plain = TestServices.freePort();
    int tls = TestServices.freePort();
    run(new PkiCommand(), "--out", pki.toString(), "--campuses", "LP-001,LP-002", "--san", "localhost");
    String printed = run(new BrokerAccessCommand(), "--out", access.toString(), "--campuses", "LP-001,LP-002", "--pki", pki.toString(),
        "--port", String.valueOf(plain), "--tls-port", String.valueOf(tls), "--mosquitto-passwd", TestServices.mosquittoPasswdBin());
    assertThat(printed).contains("TLS listener " + tls);
    // the embedded broker's accounts bind each gateway to the certificate issued it (a replaced box's no longer logs in)
    io.campusguard.broker.access.CountyAccounts accounts = io.campusguard.broker.access.CountyAccounts.read(
        access.resolve(CountyBrokerFiles.ACCOUNTS), new io.campusguard.broker.access.BcryptPasswords());
    String issued = io.campusguard.broker.access.CertificateFingerprint.ofPem(pki.resolve(PkiCommand.GATEWAYS).resolve("gw-LP-001.pem"));
    assertThat(accounts.certificateRefusal("gw-LP-001", issued)).isEmpty();
    assertThat(accounts.certificateRefusal("gw-LP-002", issued)).isPresent();
    Path conf = access.resolve(BrokerAccessCommand.MOSQUITTO_CONF);
    assertThat(Files.readString(conf)).contains("listener " + tls + "\n", "certfile " + pki.resolve(PkiCommand.BROKER_CERT).toAbsolutePath());
    // the test's own additions: run as root (our 0600 files), data and log in the temp folder
    Files.writeString(conf, "user root\nlog_dest file " + dir.resolve("mosquitto.log") + "\n"
        + Files.readString(conf).replace("persistence_location /var/lib/mosquitto/", "persistence_location " + dir + "/"));
    Process mosquitto = new ProcessBuilder(TestServices.mosquittoBin(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> MosquittoProbes.accepts(tls) && MosquittoProbes.accepts(plain));
      Map<String, String> passwords = Files.readAllLines(access.resolve(CountyBrokerFiles.CREDENTIALS)).stream().skip(1)
          .map(l -> l.split("\t")).collect(Collectors.toMap(f -> f[0], f -> f[3]));
      List<String> received = new CopyOnWriteArrayList<>();
      MqttClient hub = new MqttClient("tcp://127.0.0.1:" + plain, "hub-pki-test", new MemoryPersistence());
      hub.setCallback(new MosquittoProbes.Inbox(received));
      hub.connect(options("hub", passwords.get("hub")));
      hub.subscribe("$share/hub/county/+/events", 1);

      TlsFiles trust = TlsFiles.trusting(pki.resolve(PkiCommand.CA_CERT).toString());
      MqttConnectionOptions gwOptions = options("gw-LP-001", passwords.get("gw-LP-001"));
      gwOptions.setSocketFactory(TlsMaterial.clientSocketFactory(trust));
      MqttClient gateway = new MqttClient("ssl://localhost:" + tls, "cg-gw-up-LP-001", new MemoryPersistence());
      gateway.connect(gwOptions);
      gateway.publish("county/LP-001/events", "{\"batch\":1}".getBytes(UTF_8), 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("county/LP-001/events"));

      // a stolen LP-002 login asking for the hub's and LP-001's client ids gets its own (use_username_as_clientid):
      // nobody is cut off
      MqttConnectionOptions thief = options("gw-LP-002", passwords.get("gw-LP-002"));
      thief.setSocketFactory(TlsMaterial.clientSocketFactory(trust));
      for (String taken : List.of("hub-pki-test", "cg-gw-up-LP-001", "gw-LP-001")) {
        MqttClient stolen = new MqttClient("ssl://localhost:" + tls, taken, new MemoryPersistence());
        stolen.connect(thief);
        assertThat(stolen.isConnected()).isTrue();
        stolen.disconnect();
        stolen.close();
      }
      assertThat(hub.isConnected()).as("the hub keeps its session").isTrue();
      assertThat(gateway.isConnected()).as("LP-001's gateway keeps its session").isTrue();
      gateway.publish("county/LP-001/events", "{\"batch\":2}".getBytes(UTF_8), 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().filter("county/LP-001/events"::equals).count() == 2);
      gateway.disconnect();
      gateway.close();

      MqttConnectionOptions wrong = options("gw-LP-001", passwords.get("gw-LP-002"));
      wrong.setSocketFactory(TlsMaterial.clientSocketFactory(trust));
      MqttClient forged = new MqttClient("ssl://localhost:" + tls, "cg-gw-up-LP-001x", new MemoryPersistence());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> forged.connect(wrong)).isInstanceOf(MqttException.class);
      forged.close();
      hub.disconnect();
      hub.close();
    } finally {
      mosquitto.destroy();
      mosquitto.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static MqttConnectionOptions options(String user, String password) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(user);
    o.setPassword(password.getBytes(UTF_8));
    o.setConnectionTimeout(10);
    return o;
  }

  private static String run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    assertThat(exit).as(out + "\n" + err).isZero();
    return out.toString();
  }

  private static void validate(X509Certificate cert, X509Certificate ca) throws Exception {
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
