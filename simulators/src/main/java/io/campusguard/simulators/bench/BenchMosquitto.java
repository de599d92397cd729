package io.campusguard.simulators.bench;

import io.campusguard.runtime.net.FreePorts;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One Mosquitto process for a benchmark, started from Debian's binary on a free loopback port with its data in
 * {@code dir}: anonymous, persistent sessions kept, queues sized so a burst is never dropped (Mosquitto's
 * defaults drop a fast QoS 1 stream silently). Stopped by {@link #close()}.
 */
final class BenchMosquitto implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(10);

  private final Process process;
  private final int port;

  private BenchMosquitto(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static BenchMosquitto start(Path mosquitto, Path dir) throws IOException {
    int port = FreePorts.pick();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence true",
        "persistence_location " + dir + "/",
        "max_queued_messages 1000000",
        "max_inflight_messages 1000",
        "log_dest file " + dir.resolve("mosquitto.log"),
        // As root, Mosquitto would switch to the mosquitto user, who cannot write into our folder.
        "user root", ""), StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(mosquitto.toString(), "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    BenchMosquitto broker = new BenchMosquitto(p, port);
    try {
      broker.awaitPort();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  private void awaitPort() {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mosquitto exited at start with status " + process.exitValue());
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }
    throw new IllegalStateException("mosquitto did not open port " + port + " within " + START_LIMIT.toSeconds() + " s");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
