package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.gateway.support.DevicePublisher;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.testing.TestServices;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as a real child process, killed with SIGKILL at random points during a burst of panic alarms,
 * again and again: no acknowledged alarm may be lost, every copy of an event carries its original id, and no
 * device publish becomes two events.
 */
@Timeout(600)
class GatewayKillTest {
  private static final int KILLS = 20;

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private Process gateway;

  @AfterEach
  void tearDown() throws Exception {
    if (gateway != null) {
      gateway.destroyForcibly().waitFor();
    }
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  /**
   * Verifies that every alarm the broker acknowledged to the device reaches the hub across 20 kill -9s, each
   * under exactly one event id.
   */
  @Test
  void acknowledgedAlarmsSurviveRepeatedKill9() throws Exception {
    String campus = "T-K" + Long.toHexString(System.nanoTime());
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: '" + TestServices.mqttUrl() + "', username: '" + TestServices.mqttUser() + "', password: '"
            + TestServices.mqttPassword() + "' }",
        "countyBroker: { url: '" + TestServices.mqttUrl() + "', username: '" + TestServices.mqttUser() + "', password: '"
            + TestServices.mqttPassword() + "', reconnectMin: 100ms, reconnectMax: 1s }",
        "outbox: { file: '" + dir.resolve("outbox.db") + "' }",
        "uplink: { replayJitter: 100ms, ackTimeout: 5s }",
        "http: { port: 0 }",
        ""));
    ScriptedHub hub = track(new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));
    DevicePublisher devices = track(new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus));

    // the gateway's persistent session must exist before the first alarm: the broker keeps messages only for it
    int firstPort = startGateway(config, 0);
    awaitConnected(firstPort);

    // a device side that keeps pressing buttons; each alarm is a device of its own, so it can be traced
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    AtomicBoolean pressing = new AtomicBoolean(true);
    CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
      int n = 0;
      while (pressing.get()) {
        String device = "PB-" + n++;
        try {
          devices.publish(device, new PanicEvent(PanicEvent.Action.PRESSED)); // returns on the broker's PUBACK
          acknowledged.add(device);
          TimeUnit.MILLISECONDS.sleep(10); // pacing, not a wait for a result
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    });

    Random random = new Random();
    for (int i = 0; i < KILLS; i++) {
      if (i > 0) {
        awaitConnected(startGateway(config, i));
      }
      // kill at a random point while alarms keep coming
      int before = acknowledged.size();
      long killAfterMs = 50 + random.nextInt(1_000);
      await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(10))
          .until(() -> acknowledged.size() > before && killedLongEnough(killAfterMs));
      gateway.destroyForcibly().waitFor(); // SIGKILL
      gateway = null;
    }
    pressing.set(false);
    burst.get(30, TimeUnit.SECONDS);
    startGateway(config, KILLS);

    Set<String> expected = new HashSet<>(acknowledged);
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
      Set<String> missing = new HashSet<>(expected);
      missing.removeAll(devicesSeen(hub));
      assertThat(missing).as("acknowledged alarms not (yet) at the hub").isEmpty();
    });

    // every copy of an id is the same envelope, seq and gatewayTs included: a copy stored before the kill is
    // answered from the outbox, and one the broker redelivers after the hub acked it collapses onto the outbox's
    // tombstone of that id instead of taking a new seq (which would stay a gap at the hub)
    Map<String, EventEnvelope> distinct = hub.distinct();
    for (EventEnvelope e : hub.received()) {
      assertThat(e).isEqualTo(distinct.get(e.id()));
    }
    assertThat(devicesSeen(hub)).containsAll(expected);
    // and each device publish (one press per device here) is one event, whatever the broker redelivered after a
    // kill between the outbox commit and the ack: the id derives from the publish, so copies collapse
    Map<String, Set<String>> idsByDevice = new java.util.TreeMap<>();
    distinct.values().stream().filter(e -> e.device().startsWith("PB-"))
        .forEach(e -> idsByDevice.computeIfAbsent(e.device(), d -> new HashSet<>()).add(e.id()));
    Map<String, Set<String>> duplicated = new java.util.TreeMap<>(idsByDevice);
    duplicated.values().removeIf(ids -> ids.size() == 1);
    System.out.printf("kill test: %d alarms acknowledged, %d distinct events at the hub, %d copies received, "
            + "%d publishes stored under more than one id%n",
        expected.size(), distinct.size(), hub.received().size(), duplicated.size());
    assertThat(duplicated).as("device publishes that reached the county side under more than one id").isEmpty();
    // control: the check above looked at every acknowledged alarm
    assertThat(idsByDevice.keySet()).containsAll(expected);
    assertThat(expected).hasSizeGreaterThan(KILLS);
  }

  private long killClockStart;

  private boolean killedLongEnough(long afterMs) {
    return System.currentTimeMillis() - killClockStart >= afterMs;
  }

  private Set<String> devicesSeen(ScriptedHub hub) {
    Set<String> out = new HashSet<>();
    hub.distinct().values().forEach(e -> out.add(e.device()));
    return out;
  }

  private String classpath;

  /**
   * The test classpath, with this module's class folders copied aside first: a rebuild of the module while the
   * test runs (another build in the same work tree) must not pull classes from under the child process.
   */
  private String classpath() throws Exception {
    if (classpath == null) {
      List<String> entries = new ArrayList<>();
      String[] original = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
          .split(java.io.File.pathSeparator);
      for (int i = 0; i < original.length; i++) {
        Path entry = Path.of(original[i]);
        if (Files.isDirectory(entry)) {
          Path copy = dir.resolve("cp-" + i);
          try (var files = Files.walk(entry)) {
            for (Path f : (Iterable<Path>) files::iterator) {
              Path target = copy.resolve(entry.relativize(f).toString());
              if (Files.isDirectory(f)) {
                Files.createDirectories(target);
              } else {
                Files.copy(f, target);
              }
            }
          }
          entry = copy;
        }
        entries.add(entry.toString());
      }
      classpath = String.join(java.io.File.pathSeparator, entries);
    }
    return classpath;
  }

  private int startGateway(Path config, int round) throws Exception {
    String classpath = classpath();
    Path log = dir.resolve("gateway-" + round + ".log");
    gateway = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", classpath, "io.campusguard.gateway.app.GatewayMain", "--config", config.toString())
        .redirectError(log.toFile())
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      int at = line.indexOf("ready http=");
      if (at >= 0) {
        int port = Integer.parseInt(line.substring(at + "ready http=".length()).trim());
        // keep draining stdout so the child never blocks on a full pipe
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return port;
      }
    }
    throw new AssertionError("gateway exited before it was ready; see " + log + ":\n" + Files.readString(log));
  }

  private void awaitConnected(int port) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonObject c = new JsonObject(r.body()).getJsonObject("connectors");
      return "UP".equals(c.getString("campus")) && "UP".equals(c.getString("county"));
    });
    killClockStart = System.currentTimeMillis();
  }

  private <T extends AutoCloseable> T track(T c) {
    toClose.add(c);
    return c;
  }
}
