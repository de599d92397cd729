package io.campusguard.broker.access;

import static org.awaitility.Awaitility.await;

import io.campusguard.testing.TestServices;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of the test's own (Debian's binary, {@code CG_TEST_MOSQUITTO_BIN}) on a free loopback port,
 * anonymous clients refused, with a generated password file and ACL file. Stopped by {@link #close()}.
 */
final class MosquittoWithAccess implements AutoCloseable {
  private final Process process;
  private final int port;

  private MosquittoWithAccess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static MosquittoWithAccess start(Path dir, Path passwordFile, Path aclFile) throws IOException {
    int port = TestServices.freePort();
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, String.join("\n",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous false",
        "password_file " + passwordFile.toAbsolutePath(),
        "acl_file " + aclFile.toAbsolutePath(),
        "persistence false",
        "max_queued_messages 100000",
        "max_inflight_messages 1000",
        "log_dest file " + dir.resolve("mosquitto.log").toAbsolutePath(),
        "log_type all",
        // As root, Mosquitto would switch to the mosquitto user, who cannot read our files.
        "user root", ""), StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(TestServices.mosquittoBin(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    MosquittoWithAccess broker = new MosquittoWithAccess(p, port);
    try {
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
        if (!p.isAlive()) {
          throw new IllegalStateException("mosquitto exited with status " + p.exitValue() + "; see " + dir.resolve("mosquitto.log"));
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
          return true;
        } catch (IOException notYet) {
          return false;
        }
      });
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
