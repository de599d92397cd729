package io.campusguard.simulators.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.broker.access.CampusMosquittoFiles;
import io.campusguard.broker.access.DeviceAccounts;
import io.campusguard.testing.TestServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code device-access} command, and a real Mosquitto campus broker run on the files it writes. */
@Timeout(120)
class DeviceAccessCommandTest {
  private static final int NOT_AUTHORIZED = 0x87;

  @TempDir
  Path dir;

  private Process mosquitto;

  @AfterEach
  void stopMosquitto() throws InterruptedException {
    if (mosquitto != null) {
      mosquitto.destroy();
      if (!mosquitto.waitFor(20, TimeUnit.SECONDS)) {
        mosquitto.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Verifies that, on a Mosquitto run with the generated files, a device publishing as itself reaches the
   * gateway's subscription, one publishing as another device or on another campus is refused and not delivered,
   * a wrong password is refused, and usernames with '#', '+' or '/' are refused.
   */
  @Test
  void mosquittoCampusBrokerLetsEachDevicePublishOnlyItsOwnTopics() throws Exception {
    // given the files for LP-001 with two devices, and Mosquitto started on the generated config
    Path out = dir.resolve("campus");
    int port = TestServices.freePort();
    StringWriter printed = new StringWriter();
    int exit = new CommandLine(new DeviceAccessCommand()).setOut(new PrintWriter(printed)).execute("--out", out.toString(),
        "--campus", "LP-001", "--devices", "PB-001,PB-002", "--mosquitto-passwd", TestServices.mosquittoPasswdBin(),
        "--mosquitto-port", Integer.toString(port));
    assertThat(exit).as(printed.toString()).isZero();
    for (String name : List.of(DeviceAccounts.ACCOUNTS, DeviceAccounts.CREDENTIALS, CampusMosquittoFiles.ACL, CampusMosquittoFiles.PASSWD,
        CampusMosquittoFiles.CONF, CampusMosquittoFiles.GATEWAY_CREDENTIALS)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(name)))).as(name).isEqualTo("rw-------");
    }
    assertThat(Files.readString(out.resolve(CampusMosquittoFiles.CONF))).contains("allow_anonymous false", "max_packet_size ");
    assertThat(printed.toString()).contains(CampusMosquittoFiles.CONF, "username: gateway")
        // the installed path of the guide, never this output folder with the plain passwords in it
        .contains("deviceAccounts: /etc/campusguard/LP-001/device-accounts");
    BrokerAccessCommandTest.assertHintsAgreeWithTheGuide(printed.toString());
    Map<String, String> passwords = tsv(out.resolve(DeviceAccounts.CREDENTIALS));
    passwords.putAll(tsv(out.resolve(CampusMosquittoFiles.GATEWAY_CREDENTIALS)));
    // the embedded broker's accounts hold the same passwords
    DeviceAccounts accounts = DeviceAccounts.read(out.resolve(DeviceAccounts.ACCOUNTS), new BcryptPasswords());
    assertThat(accounts.authenticate("PB-001", passwords.get("PB-001").getBytes(StandardCharsets.UTF_8))).isTrue();
    String url = startMosquitto(out.resolve(CampusMosquittoFiles.CONF), port);

    List<String> received = new CopyOnWriteArrayList<>();
    MqttAsyncClient gateway = connect(url, "gateway", passwords.get("gateway"));
    gateway.setCallback(new Received(received));
    gateway.subscribe("campus/LP-001/#", 1).waitForCompletion(10_000);
    MqttAsyncClient device = connect(url, "PB-001", passwords.get("PB-001"));

    // when PB-001 publishes as itself, as PB-002, and on another campus, then as itself again
    IMqttToken own = publish(device, "campus/LP-001/panic/PB-001", "own");
    IMqttToken asOther = publish(device, "campus/LP-001/panic/PB-002", "as-other-device");
    IMqttToken otherCampus = publish(device, "campus/LP-002/panic/PB-001", "other-campus");
    IMqttToken wildcardish = publish(device, "campus/LP-001/panic/PB-001/extra", "deeper");
    publish(device, "campus/LP-001/status/PB-001", "marker");

    // then only its own topics reach the gateway, in order, and the others are refused by the broker
    await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("campus/LP-001/status/PB-001 marker"));
    assertThat(received).containsExactly("campus/LP-001/panic/PB-001 own", "campus/LP-001/status/PB-001 marker");
    assertThat(own.getReasonCodes()).containsExactly(0);
    assertThat(asOther.getReasonCodes()).containsExactly(NOT_AUTHORIZED);
    assertThat(otherCampus.getReasonCodes()).containsExactly(NOT_AUTHORIZED);
    assertThat(wildcardish.getReasonCodes()).containsExactly(NOT_AUTHORIZED);

    // and a wrong password, a device's password under another name, and names with '#', '+', '/' are refused
    assertThatThrownBy(() -> connect(url, "PB-001", passwords.get("PB-002"))).isInstanceOf(MqttException.class);
    for (String name : List.of("#", "+", "PB-001/#", "campus/LP-001/+", "PB-00+")) {
      assertThatThrownBy(() -> connect(url, name, passwords.get("PB-001"))).as(name).isInstanceOf(MqttException.class);
    }
    // and a device reads nothing another device publishes (Mosquitto grants the subscription, then delivers
    // only what a read line allows)
    List<String> deviceGot = new CopyOnWriteArrayList<>();
    device.setCallback(new Received(deviceGot));
    subscribeCode(device, "campus/LP-001/#");
    MqttAsyncClient other = connect(url, "PB-002", passwords.get("PB-002"));
    publish(other, "campus/LP-001/panic/PB-002", "from-002");
    await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("campus/LP-001/panic/PB-002 from-002"));
    // A delivery to the device would be queued on its connection before this acknowledgement.
    assertThat(publish(device, "campus/LP-001/status/PB-001", "after").getReasonCodes()).containsExactly(0);
    assertThat(deviceGot).isEmpty();
    other.disconnect().waitForCompletion(10_000);
    device.disconnect().waitForCompletion(10_000);
    gateway.disconnect().waitForCompletion(10_000);
  }

  /** Verifies that a device id with an MQTT wildcard or level separator is refused before anything is written. */
  @Test
  void refusesDeviceIdsThatCouldWidenTheAcl() {
    for (String bad : List.of("#", "PB+1", "PB/1")) {
      StringWriter err = new StringWriter();
      int exit = new CommandLine(new DeviceAccessCommand()).setErr(new PrintWriter(err)).execute("--out", dir.toString(),
          "--campus", "LP-001", "--devices", "PB-001," + bad, "--mosquitto-passwd", TestServices.mosquittoPasswdBin());
      assertThat(exit).as(bad).isNotZero();
      assertThat(err.toString()).contains("devices: " + bad + " is not an allowed id");
    }
    assertThat(dir).isEmptyDirectory();
  }

  private String startMosquitto(Path generatedConf, int port) throws IOException {
    // The generated config as is, plus what a test run needs: as root, Mosquitto would switch to the mosquitto
    // user, who cannot read our 0600 files; no persistence folder of the system's.
    Path conf = dir.resolve("test-mosquitto.conf");
    Files.writeString(conf, Files.readString(generatedConf) + String.join("\n",
        "persistence false",
        "log_dest file " + dir.resolve("mosquitto.log").toAbsolutePath(),
        "log_type all",
        "user root", ""), StandardCharsets.UTF_8);
    mosquitto = new ProcessBuilder(TestServices.mosquittoBin(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    Process p = mosquitto;
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
      if (!p.isAlive()) {
        throw new IllegalStateException("mosquitto exited with status " + p.exitValue() + ": " + Files.readString(dir.resolve("stdout.log")));
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return true;
      } catch (IOException notYet) {
        return false;
      }
    });
    return "tcp://127.0.0.1:" + port;
  }

  private static MqttAsyncClient connect(String url, String user, String password) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(url, "t-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(user);
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    o.setConnectionTimeout(10);
    c.connect(o).waitForCompletion(10_000);
    return c;
  }

  private static IMqttToken publish(MqttAsyncClient c, String topic, String text) throws MqttException {
    MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    IMqttToken token = c.publish(topic, m);
    token.waitForCompletion(10_000);
    return token;
  }

  private static int subscribeCode(MqttAsyncClient client, String filter) {
    try {
      IMqttToken token = client.subscribe(filter, 1);
      token.waitForCompletion(10_000);
      int[] codes = token.getReasonCodes();
      return codes == null || codes.length == 0 ? 0x80 : codes[0];
    } catch (MqttException refused) {
      return Math.max(refused.getReasonCode(), 0x80);
    }
  }

  private static Map<String, String> tsv(Path file) throws IOException {
    return Files.readAllLines(file).stream().skip(1).map(l -> l.split("\t"))
        .collect(Collectors.toMap(f -> f[0], f -> f[1], (a, b) -> b, java.util.HashMap::new));
  }

  private record Received(List<String> into) implements MqttCallback {
    @Override public void disconnected(MqttDisconnectResponse r) {}
    @Override public void mqttErrorOccurred(MqttException e) {}
    @Override public void messageArrived(String t, MqttMessage m) {
      into.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
    }
    @Override public void deliveryComplete(IMqttToken t) {}
    @Override public void connectComplete(boolean reconnect, String uri) {}
    @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
