package io.campusguard.gateway.support;

import static org.awaitility.Awaitility.await;

import io.campusguard.testing.TestServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Mosquitto broker of a test's own (anonymous, loopback, persistent, queues sized for bursts), which the
 * test can stop and start again on the same port: the county side going away and coming back.
 */
public final class MosquittoProcess implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  public MosquittoProcess(Path dir) throws IOException {
    this(dir, java.util.List.of());
  }

  /** With more lines at the end of its config (another listener, e.g. a TLS one). */
  public MosquittoProcess(Path dir, java.util.List<String> extraLines) throws IOException {
    this.dir = dir;
    this.port = TestServices.freePort();
    Files.createDirectories(dir.resolve("data"));
    java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(
        "user root",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence true",
        "persistence_location " + dir.resolve("data") + "/",
        "max_queued_messages 200000",
        "max_queued_bytes 0",
        "max_inflight_messages 1000",
        "log_dest file " + dir.resolve("mosquitto.log")));
    lines.addAll(extraLines);
    lines.add("");
    Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n", lines));
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public MosquittoProcess start() throws IOException {
    process = new ProcessBuilder(TestServices.mosquittoBin(), "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.out").toFile())
        .start();
    await().atMost(Duration.ofSeconds(10)).until(this::accepts);
    return this;
  }

  /** SIGTERM and wait: Mosquitto saves its persistent sessions on the way out. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !accepts());
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
