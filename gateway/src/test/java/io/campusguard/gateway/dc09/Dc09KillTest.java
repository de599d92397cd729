package io.campusguard.gateway.dc09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.testing.TestServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as a child process, killed with SIGKILL just after a panel's panic press reached it, before or after
 * its ACK: the panel that heard no ACK sends the same message again to the restarted gateway, and the county gets
 * the press exactly once (a press stored before the kill and its resend share an id derived from the message).
 */
@Timeout(180)
class Dc09KillTest {
  private static final int ROUNDS = 2;
  @TempDir Path dir;
  private Process gateway;

  @AfterEach
  void tearDown() throws Exception {
    if (gateway != null) {
      gateway.destroyForcibly().waitFor();
    }
  }

  /** Verifies that a press interrupted by kill -9 and sent again arrives once. */
  @Test
  void aPressInterruptedByKillArrivesOnce() throws Exception {
    String campus = "K-" + Long.toHexString(System.nanoTime());
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path config = dir.resolve("gateway.yaml");
    String url = TestServices.mqttUrl();
    StringBuilder zones = new StringBuilder();
    for (int z = 1; z <= ROUNDS; z++) {
      zones.append("\"").append(z).append("\": { device: ").append(campus).append("-PB-").append(z).append(", panic: true }, ");
    }
    Files.writeString(config, String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "countyBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "outbox: { file: \"" + dir.resolve("outbox.db") + "\" }",
        "http: { port: 0 }",
        "connectors:",
        "  dc09: { bindAddress: 127.0.0.1, tcpPort: " + port + ", accounts: [ { account: \"1234\", device: " + campus + "-AP-01, zones: { "
            + zones + "} } ] }",
        ""));
    Random random = new Random();
    int unacknowledged = 0;
    try (ScriptedHub hub = new ScriptedHub(url, TestServices.mqttUser(), TestServices.mqttPassword(), campus)) {
      for (int round = 1; round <= ROUNDS; round++) {
        startGateway(config, round);
        byte[] press = TestPanel.plain("ADM-CID", round, null, "0", "1234", "#1234|1120 01 " + String.format("%03d", round),
            TestPanel.timestamp(Instant.now()));
        String answer;
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
          s.getOutputStream().write(press);
          s.getOutputStream().flush();
          // kill at once or a little later: before the fsync, between it and the ACK, or after the ACK
          long killAfterMs = random.nextInt(40);
          if (killAfterMs > 0) {
            Thread.sleep(killAfterMs); // a random kill point, not a wait for an outcome
          }
          gateway.destroyForcibly().waitFor();
          s.setSoTimeout(5000);
          answer = TestPanel.readAnswer(s.getInputStream());
        }
        if (answer == null || !answer.contains("\"ACK\"")) {
          unacknowledged++;
          startGateway(config, round * 100); // the panel's retry goes to the restarted gateway
          assertThat(TestPanel.sendTcp(port, press, false)).contains("\"ACK\"");
        } else {
          startGateway(config, round * 100);
        }
        String device = campus + "-PB-" + round;
        await().atMost(Duration.ofSeconds(60)).until(() -> presses(hub, device).size() == 1);
        gateway.destroyForcibly().waitFor();
      }
      for (int round = 1; round <= ROUNDS; round++) {
        List<EventEnvelope> copies = hub.received().stream().filter(e -> e.body() instanceof PanicEvent).toList();
        assertThat(presses(hub, campus + "-PB-" + round)).hasSize(1);
        assertThat(copies).isNotEmpty();
      }
      System.out.printf("dc09 kill test: %d rounds, %d presses not acknowledged before the kill and sent again, each at the county once%n",
          ROUNDS, unacknowledged);
    }
  }

  private static List<EventEnvelope> presses(ScriptedHub hub, String device) {
    return hub.distinct().values().stream().filter(e -> e.device().equals(device) && e.body() instanceof PanicEvent).toList();
  }

  private void startGateway(Path config, int round) throws Exception {
    Path log = dir.resolve("gateway-" + round + ".log");
    gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "io.campusguard.gateway.app.GatewayMain", "--config", config.toString())
        .redirectError(log.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.contains("ready http=")) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return;
      }
    }
    throw new AssertionError("gateway exited before it was ready; see " + log + ":\n" + Files.readString(log));
  }
}
