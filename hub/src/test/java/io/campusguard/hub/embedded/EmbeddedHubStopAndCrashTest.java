package io.campusguard.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-box hub as a county runs it, a process of its own on its embedded PostgreSQL and county broker: stopped by
 * systemd's SIGTERM within the unit's stop timeout and leaving no database behind; killed outright (kill -9, the OOM
 * killer), its orphaned PostgreSQL is stopped by the next start, which then serves; and a second hub on a folder a
 * running hub holds is refused in one line naming the folder and the process, exit 2, the first one unharmed.
 */
@Timeout(400)
class EmbeddedHubStopAndCrashTest {
  /** {@code TimeoutStopSec} of the shipped campusguard-hub.service. */
  private static final Duration UNIT_STOP_TIMEOUT = Duration.ofSeconds(45);
  private static final Pattern SERVING = Pattern.compile("hub serving on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dir;

  /**
   * Verifies a second start on a held folder is refused in one line, a kill -9 leaves an orphan the next start
   * stops before serving, and SIGTERM stops the hub and its database in time.
   */
  @Test
  void refusedWhileHeldRecoversAfterKillAndStopsOnSigterm() throws Exception {
    Path data = dir.resolve("hub");
    Path pgData = data.resolve("postgres");
    Path config = dir.resolve("hub.yaml");
    Files.writeString(config, String.join("\n",
        "http:",
        "  port: 0",
        "embedded:",
        "  dataDir: \"" + data + "\"",
        "  brokerPort: 0",
        ""));

    HubProcess first = HubProcess.start(config, dir.resolve("first.log"));
    long orphanPid;
    try {
      int port = first.awaitServing(Duration.ofSeconds(120));
      orphanPid = StalePostgres.runningServer(pgData).orElseThrow().pid();

      // A second hub on the same folder: refused at once, in one line naming the folder and the process; exit 2.
      HubProcess second = HubProcess.start(config, dir.resolve("second.log"));
      assertThat(second.process.waitFor(90, TimeUnit.SECONDS)).as("the second hub ends by itself").isTrue();
      assertThat(second.process.exitValue()).isEqualTo(2);
      assertThat(second.output()).contains("in use by another running hub", pgData.toAbsolutePath().toString(), "process " + orphanPid);
      assertThat(health(port)).as("the first hub still serves").isEqualTo(200);

      first.process.destroyForcibly();
      assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      first.process.destroyForcibly();
    }
    // control: the killed hub's PostgreSQL lives on as an orphan holding the folder
    assertThat(StalePostgres.runningServer(pgData)).map(ProcessHandle::pid).contains(orphanPid);

    HubProcess third = HubProcess.start(config, dir.resolve("third.log"));
    try {
      int port = third.awaitServing(Duration.ofSeconds(120));
      assertThat(health(port)).isEqualTo(200);
      assertThat(third.output()).contains("embedded PostgreSQL process " + orphanPid + " was left running");
      assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).as("the orphan").isEmpty();
      long ownPid = StalePostgres.runningServer(pgData).orElseThrow().pid();
      assertThat(ownPid).isNotEqualTo(orphanPid);

      long stopping = System.nanoTime();
      third.process.destroy(); // SIGTERM, as systemd stops the unit
      assertThat(third.process.waitFor(UNIT_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("stopped within the unit's stop timeout").isTrue();
      System.out.printf("EmbeddedHubStopAndCrashTest: SIGTERM stop took %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
      assertThat(ProcessHandle.of(ownPid).filter(ProcessHandle::isAlive)).as("its PostgreSQL after the stop").isEmpty();
      assertThat(StalePostgres.runningServer(pgData)).isEmpty();
    } finally {
      third.process.destroyForcibly();
    }
  }

  private static int health(int port) throws IOException, InterruptedException {
    HttpResponse<Void> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.discarding());
    return r.statusCode();
  }

  /** HubMain in a JVM of its own, its output in a file. */
  private record HubProcess(Process process, Path log) {
    static HubProcess start(Path config, Path log) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"), "io.campusguard.hub.HubMain", "--config",
          config.toString())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      return new HubProcess(p, log);
    }

    /** Waits until the hub says it serves (or ends); returns its HTTP port. */
    int awaitServing(Duration limit) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline) {
        Optional<Integer> port = servingPort();
        if (port.isPresent()) {
          return port.get();
        }
        if (!process.isAlive()) {
          throw new AssertionError("the hub ended (exit " + process.exitValue() + ") before serving:\n" + output());
        }
        process.waitFor(200, TimeUnit.MILLISECONDS);
      }
      throw new AssertionError("the hub did not serve within " + limit + ":\n" + output());
    }

    private Optional<Integer> servingPort() throws IOException {
      Matcher m = SERVING.matcher(output());
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    String output() throws IOException {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
  }
}
