package io.campusguard.simulators.loadtest;

import io.campusguard.runtime.net.FreePorts;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Mosquitto broker run as a child process from Debian's binary, on a loopback port with its data in
 * {@code dir}: anonymous, persistent (queued messages of persistent sessions survive a restart), queues sized
 * so a burst is never dropped (Mosquitto's defaults drop a fast QoS 1 stream silently). It can be restarted on
 * the same port, which is how a load test restarts the county broker. Stopped by {@link #close()}.
 */
public final class MosquittoProcess implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(10);

  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;

  private MosquittoProcess(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
  }

  /** Starts Mosquitto on a free port; returns once it accepts connections. */
  public static MosquittoProcess start(Path binary, Path dir) throws IOException {
    MosquittoProcess broker = new MosquittoProcess(binary, dir, FreePorts.pick());
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
        "listener " + broker.port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence true",
        "persistence_location " + dir + "/",
        "max_queued_messages 1000000",
        "max_inflight_messages 1000",
        "log_dest file " + dir.resolve("mosquitto.log"),
        // As root, Mosquitto would switch to the mosquitto user, who cannot write into our folder.
        "user root", ""), StandardCharsets.UTF_8);
    broker.launch();
    return broker;
  }

  /**
   * The Mosquitto binary: {@code CG_TEST_MOSQUITTO_BIN} when set (the test command exports it), else
   * {@code mosquitto} on the PATH or in {@code /usr/sbin}.
   */
  public static Optional<Path> findBinary() {
    String env = System.getenv("CG_TEST_MOSQUITTO_BIN");
    if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : (path + ":/usr/sbin:/usr/local/sbin").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "mosquitto"))) {
        return Optional.of(Path.of(d, "mosquitto"));
      }
    }
    return Optional.empty();
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /**
   * Stops the broker as an operator's restart does (SIGTERM: it saves its persistent state and drops every
   * connection), waits {@code down}, and starts it again on the same port. Blocks throughout.
   */
  public void restart(Duration down) throws IOException, InterruptedException {
    stop();
    Thread.sleep(down.toMillis());
    launch();
  }

  private void launch() throws IOException {
    process = new ProcessBuilder(binary.toString(), "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
    try {
      awaitPort();
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private void awaitPort() {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mosquitto exited at start with status " + process.exitValue() + "; see " + dir.resolve("mosquitto.log"));
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }
    throw new IllegalStateException("mosquitto did not open port " + port + " within " + START_LIMIT.toSeconds() + " s");
  }

  private void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
