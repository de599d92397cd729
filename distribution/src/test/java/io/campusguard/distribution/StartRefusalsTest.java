package io.campusguard.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.testing.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/campusguard gateway} and {@code hub} refusing to start as systemd sees it: exit status 2 (not
 * restarted, the units' {@code RestartPreventExitStatus=2}) with the reason in the output, for the gateway example
 * copied untouched, an outbox folder that cannot be made, and a hub whose HTTP address is taken; and, as the
 * control, the same gateway config with a usable outbox starts.
 */
@Timeout(300)
class StartRefusalsTest {
  @TempDir Path dir;

  /** Verifies that the shipped example, copied into place untouched, exits 2 saying which placeholders are left. */
  @Test
  void theUntouchedExampleExits2NamingItsPlaceholders() throws Exception {
    Path yaml = Files.copy(UnpackedDistribution.home().resolve("config/gateway.example.yaml"), dir.resolve("gateway.yaml"));
    LauncherProcess.Result r = LauncherProcess.run(dir.resolve("untouched.log"), env(), 120, "gateway", "--config", yaml.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("placeholders: this is still the shipped example",
        "LP-017 (still in", "192.168.10.2 (still in 1 value)", "county.example (still in 1 value)", "delete the line `placeholders: …`");
  }

  /**
   * Verifies that an outbox whose folder cannot be made (here a file stands where the folder should be) exits 2
   * naming outbox.file, where it exited 1 and had systemd restart it in a loop; the same config with a folder that
   * can be made starts (the control).
   */
  @Test
  void anOutboxFolderThatCannotBeMadeExits2() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "a file where the outbox's folder should be");
    LauncherProcess.Result r = LauncherProcess.run(dir.resolve("outbox.log"), env(), 120, "gateway", "--config",
        config(notAFolder.resolve("outbox.db"), "refused").toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("failed to start: outbox.file: cannot create the folder of " + notAFolder.resolve("outbox.db"))
        .contains("not restarted");

    try (LauncherProcess started = LauncherProcess.start("gateway-control", dir.resolve("control.log"), env(), "gateway", "--config",
        config(dir.resolve("outbox/outbox.db"), "control").toString())) {
      await("the control gateway ready").atMost(Duration.ofMinutes(2))
          .until(() -> started.output().contains(" ready http="));
      assertThat(started.isAlive()).isTrue();
    }
  }

  /** Verifies that a hub whose HTTP address is taken by another program exits 2 saying so, where it exited 1. */
  @Test
  void aHubWhoseAddressIsTakenExits2() throws Exception {
    String example = Files.readString(UnpackedDistribution.home().resolve("config/hub.example.yaml"));
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path yaml = new ConfigEdits()
          .without("placeholders")
          .without("mqtt.url")
          .without("mqtt.tls")
          .without("influx.url")
          .without("webhook")
          .set("database.url", FreshDatabase.create("cg_refusals"))
          .set("database.user", TestServices.pgUser())
          .set("database.password", TestServices.pgPassword())
          .set("embedded.dataDir", dir.resolve("hub-data").toString())
          .set("embedded.brokerPort", TestServices.freePort())
          .set("http.port", taken.getLocalPort())
          .writeFrom(example, dir.resolve("hub.yaml"));
      LauncherProcess.Result r = LauncherProcess.run(dir.resolve("hub.log"), env(), 180, "hub", "--config", yaml.toString());
      assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
      assertThat(r.output()).contains("hub did not start; fix the configuration or the machine (not restarted)")
          .contains("BindException");
    }
  }

  /** The example as an operator edits it, on loopback, with this test's outbox file. */
  private Path config(Path outboxFile, String name) throws Exception {
    String example = Files.readString(UnpackedDistribution.home().resolve("config/gateway.example.yaml"));
    return new ConfigEdits()
        .without("placeholders")
        .without("opcua")
        .without("countyBroker.tls")
        .without("embeddedBroker.deviceAccounts")
        .set("embeddedBroker.bindAddress", "127.0.0.1")
        .set("embeddedBroker.port", TestServices.freePort())
        .set("embeddedBroker.dataDir", dir.resolve(name + "-broker").toString())
        .set("countyBroker.url", "tcp://127.0.0.1:" + TestServices.freePort())
        .set("outbox.file", outboxFile.toString())
        .set("http.host", "127.0.0.1")
        .set("http.port", TestServices.freePort())
        .writeFrom(example, dir.resolve(name + ".yaml"));
  }

  private static Map<String, String> env() {
    return Map.of("JAVA_HOME", System.getProperty("java.home"), "CAMPUSGUARD_JAVA_OPTS", "-Xmx256m");
  }
}
