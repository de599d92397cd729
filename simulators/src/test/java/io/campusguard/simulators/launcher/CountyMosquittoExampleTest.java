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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The county broker's example Mosquitto files shipped in {@code distribution/src/dist/mosquitto} are what
 * {@code broker-access} writes for two example campuses (so they cannot drift from the command), and Debian's
 * Mosquitto runs on the shipped config, serving a gateway over TLS.
 */
@Timeout(180)
class CountyMosquittoExampleTest {
  static final Path EXAMPLE = Path.of("..", "distribution", "src", "dist", "mosquitto");
  /** Where the example says the broker host keeps the files. */
  static final String INSTALL_DIR = "/etc/mosquitto/campusguard";
  static final List<String> CAMPUSES = List.of("LP-001", "LP-002");
  /** How the shipped example was made (and is remade when the command changes). */
  static final String REGENERATE = "./campusguard broker-access --out OUT --campuses LP-001,LP-002 --pki PKI --install-dir "
      + INSTALL_DIR + " and copy OUT/" + BrokerAccessCommand.MOSQUITTO_CONF + " and OUT/" + CountyBrokerFiles.MOSQUITTO_ACL
      + " to distribution/src/dist/mosquitto/";

  @TempDir Path dir;

  /** Verifies that the shipped config and ACL are byte for byte what the command writes today. */
  @Test
  void shippedExampleIsWhatTheCommandWrites() throws Exception {
    Path out = generate(dir.resolve("pki"), dir.resolve("out"));
    for (String name : List.of(BrokerAccessCommand.MOSQUITTO_CONF, CountyBrokerFiles.MOSQUITTO_ACL)) {
      assertThat(Files.readString(EXAMPLE.resolve(name))).as("%s differs from the command's output; regenerate: %s", name, REGENERATE)
          .isEqualTo(Files.readString(out.resolve(name)));
    }
    // and the config carries what a county needs
    assertThat(Files.readString(EXAMPLE.resolve(BrokerAccessCommand.MOSQUITTO_CONF))).contains(
        "max_queued_messages ", "max_queued_bytes ", "persistence true\n", "autosave_interval ", "log_dest syslog\n",
        "listener 8883\n", "cafile " + INSTALL_DIR + "/county-ca.pem\n", "password_file " + INSTALL_DIR + "/mosquitto.passwd\n");
    // control: a generated ACL for other campuses differs, so the comparison above can fail
    Path other = dir.resolve("other");
    run(new BrokerAccessCommand(), "--out", other.toString(), "--campuses", "LP-003", "--mosquitto-passwd", TestServices.mosquittoPasswdBin());
    assertThat(Files.readString(other.resolve(CountyBrokerFiles.MOSQUITTO_ACL)))
        .isNotEqualTo(Files.readString(EXAMPLE.resolve(CountyBrokerFiles.MOSQUITTO_ACL)));
  }

  /**
   * Verifies that Mosquitto starts on the shipped config (only the install folder, data folder and ports moved into
   * the test's folder) and lets a gateway in over TLS, delivering its own campus's batch to the hub and not another's.
   */
  @Test
  void mosquittoRunsTheShippedConfig() throws Exception {
    Path installed = generate(dir.resolve("installed"), dir.resolve("installed"));
    int plain = TestServices.freePort();
    int tls = TestServices.freePort();
    Files.createDirectories(dir.resolve("data"));
    String shipped = Files.readString(EXAMPLE.resolve(BrokerAccessCommand.MOSQUITTO_CONF));
    Path conf = dir.resolve("mosquitto.conf");
    // The test's own additions: run as root (our files are 0600 root), log to a file it can show.
    Files.writeString(conf, "user root\nlog_dest file " + dir.resolve("mosquitto.log") + "\n" + shipped
        .replace(INSTALL_DIR + "/", installed + "/")
        .replace("persistence_location /var/lib/mosquitto/", "persistence_location " + dir.resolve("data") + "/")
        .replace("listener 1883 127.0.0.1\n", "listener " + plain + " 127.0.0.1\n")
        .replace("listener 8883\n", "listener " + tls + " 127.0.0.1\n"));
    Process mosquitto = new ProcessBuilder(TestServices.mosquittoBin(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        assertThat(mosquitto.isAlive()).as("mosquitto exited: %s", log()).isTrue();
        return MosquittoProbes.accepts(tls) && MosquittoProbes.accepts(plain);
      });
      Map<String, String> passwords = Files.readAllLines(installed.resolve(CountyBrokerFiles.CREDENTIALS)).stream().skip(1)
          .map(l -> l.split("\t")).collect(Collectors.toMap(f -> f[0], f -> f[3]));
      List<String> received = new CopyOnWriteArrayList<>();
      MqttClient hub = new MqttClient("tcp://127.0.0.1:" + plain, "hub-example-test", new MemoryPersistence());
      hub.setCallback(new MosquittoProbes.Inbox(received));
      hub.connect(options("hub", passwords.get("hub")));
      hub.subscribe("$share/hub/county/+/events", 1);

      MqttConnectionOptions gwOptions = options("gw-LP-001", passwords.get("gw-LP-001"));
      gwOptions.setSocketFactory(TlsMaterial.clientSocketFactory(TlsFiles.trusting(installed.resolve(PkiCommand.CA_CERT).toString())));
      MqttClient gateway = new MqttClient("ssl://localhost:" + tls, "cg-gw-up-LP-001", new MemoryPersistence());
      gateway.connect(gwOptions);
      gateway.publish("county/LP-002/events", "{\"batch\":\"forged\"}".getBytes(UTF_8), 1, false);
      gateway.publish("county/LP-001/events", "{\"batch\":1}".getBytes(UTF_8), 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("county/LP-001/events"));
      // the forged batch was published first on the same connection: had the ACL let it through, it would be here
      assertThat(received).containsExactly("county/LP-001/events");
      gateway.disconnect();
      gateway.close();
      hub.disconnect();
      hub.close();
    } finally {
      mosquitto.destroy();
      mosquitto.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Runs {@code pki} into {@code pkiDir} and {@code broker-access} into {@code out} as the example was made; returns out. */
  private static Path generate(Path pkiDir, Path out) {
    run(new PkiCommand(), "--out", pkiDir.toString(), "--campuses", String.join(",", CAMPUSES), "--san", "localhost,county.example");
    run(new BrokerAccessCommand(), "--out", out.toString(), "--campuses", String.join(",", CAMPUSES), "--pki", pkiDir.toString(),
        "--install-dir", pkiDir.equals(out) ? out.toString() : INSTALL_DIR, "--mosquitto-passwd", TestServices.mosquittoPasswdBin());
    return out;
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("mosquitto.out")) + (Files.exists(dir.resolve("mosquitto.log")) ? Files.readString(dir.resolve("mosquitto.log")) : "");
    } catch (IOException e) {
      return e.toString();
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
}
