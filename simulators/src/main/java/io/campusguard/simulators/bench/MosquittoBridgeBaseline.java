package io.campusguard.simulators.bench;

import io.campusguard.runtime.net.FreePorts;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The simplest thing a county could run instead of a gateway: a campus Mosquitto bridging {@code campus/#} to
 * the county Mosquitto (QoS 1, persistent session, queues sized for bursts). Started from Debian's mosquitto
 * binary as two real processes, measured with the same probe as the raw broker, then stopped.
 */
public final class MosquittoBridgeBaseline {
  private MosquittoBridgeBaseline() {}

  public static RawBrokerBaseline.Result measure(Path mosquitto, Path workDir, int messages, int payloadBytes) throws Exception {
    int countyPort = FreePorts.pick();
    int campusPort = FreePorts.pick();
    Path county = Files.createDirectories(workDir.resolve("county"));
    Path campus = Files.createDirectories(workDir.resolve("campus"));
    Files.writeString(county.resolve("mosquitto.conf"), String.join("\n",
        "listener " + countyPort + " 127.0.0.1",
        "allow_anonymous true",
        "persistence false",
        "max_queued_messages 1000000",
        "max_inflight_messages 1000",
        "log_dest file " + county.resolve("mosquitto.log"),
        "user root", ""), StandardCharsets.UTF_8);
    Files.writeString(campus.resolve("mosquitto.conf"), String.join("\n",
        "listener " + campusPort + " 127.0.0.1",
        "allow_anonymous true",
        "persistence true",
        "persistence_location " + campus + "/",
        "max_queued_messages 1000000",
        "max_inflight_messages 1000",
        "log_dest file " + campus.resolve("mosquitto.log"),
        "user root",
        "connection county",
        "address 127.0.0.1:" + countyPort,
        "topic campus/# out 1",
        "cleansession false",
        "max_queued_messages 1000000", ""), StandardCharsets.UTF_8);
    Process countyBroker = start(mosquitto, county);
    Process campusBroker = null;
    try {
      awaitPort(countyPort);
      campusBroker = start(mosquitto, campus);
      awaitPort(campusPort);
      // The bridge connects on its own schedule: wait until a probe message makes it across.
      RawBrokerBaseline.measure("tcp://127.0.0.1:" + campusPort, "tcp://127.0.0.1:" + countyPort, "campus/BENCH/panic/warmup", null, null, 10, payloadBytes);
      return RawBrokerBaseline.measure(
          "tcp://127.0.0.1:" + campusPort, "tcp://127.0.0.1:" + countyPort, "campus/BENCH/panic/PB-1", null, null, messages, payloadBytes);
    } finally {
      if (campusBroker != null) {
        campusBroker.destroy();
        campusBroker.waitFor();
      }
      countyBroker.destroy();
      countyBroker.waitFor();
    }
  }

  private static Process start(Path mosquitto, Path dir) throws IOException {
    return new ProcessBuilder(mosquitto.toString(), "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
  }

  private static void awaitPort(int port) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("mosquitto did not open port " + port + " within 10 s");
  }
}
