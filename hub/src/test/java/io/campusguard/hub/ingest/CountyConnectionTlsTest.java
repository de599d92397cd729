package io.campusguard.hub.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.runtime.tls.TlsFiles;
import io.campusguard.testing.TestPki;
import io.campusguard.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's county connection over TLS to a real Mosquitto with a TLS listener: with the county CA and a host
 * name the broker's certificate names it subscribes and receives; with another CA, or another host name, the
 * start fails.
 */
@Timeout(120)
class CountyConnectionTlsTest {
  @TempDir static Path dir;
  private static Process mosquitto;
  private static int plainPort;
  private static int tlsPort;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    TestPki.write(dir);
    plainPort = TestServices.freePort();
    tlsPort = TestServices.freePort();
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, String.join("\n",
        "user root",
        "allow_anonymous true",
        "persistence false",
        "log_dest file " + dir.resolve("mosquitto.log"),
        "listener " + plainPort + " 127.0.0.1",
        "listener " + tlsPort + " 127.0.0.1",
        "cafile " + dir.resolve("ca.pem"),
        "certfile " + dir.resolve("broker.pem"),
        "keyfile " + dir.resolve("broker.key"),
        ""), UTF_8);
    mosquitto = new ProcessBuilder(TestServices.mosquittoBin(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
    await().atMost(Duration.ofSeconds(10)).until(() -> accepts(tlsPort));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    if (mosquitto != null) {
      mosquitto.destroy();
      mosquitto.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Verifies that the hub connects over TLS with the county CA and receives a gateway's events. */
  @Test
  void receivesOverTls() throws Exception {
    List<String> topics = new CopyOnWriteArrayList<>();
    CountyConnection connection = connection("ssl://localhost:" + tlsPort, "ca.pem", topics);
    try {
      connection.start().await(30, TimeUnit.SECONDS);
      MqttClient gateway = new MqttClient("tcp://127.0.0.1:" + plainPort, "gw-tls-test", new MemoryPersistence());
      gateway.connect();
      gateway.publish("county/LP-001/events", "{}".getBytes(UTF_8), 1, false);
      gateway.disconnect();
      gateway.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> topics.contains("county/LP-001/events"));
    } finally {
      connection.stop().await(10, TimeUnit.SECONDS);
    }
  }

  /** Verifies that another CA's trust, or a host name the certificate does not name, fails the start. */
  @Test
  void wrongCaOrHostNameFailsTheStart() throws Exception {
    for (String[] wrong : new String[][] {{"ssl://localhost:" + tlsPort, "other-ca.pem"}, {"ssl://127.0.0.1:" + tlsPort, "ca.pem"}}) {
      CountyConnection connection = connection(wrong[0], wrong[1], new CopyOnWriteArrayList<>());
      Throwable failure = connection.start().toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(60, TimeUnit.SECONDS);
      assertThat(failure).as(wrong[0] + " trusting " + wrong[1]).isNotNull();
      assertThat(causes(failure)).anyMatch(javax.net.ssl.SSLException.class::isInstance);
      connection.stop().await(10, TimeUnit.SECONDS);
    }
  }

  private static CountyConnection connection(String url, String caFile, List<String> topics) {
    MqttConfig config = new MqttConfig(url, null, null, "hub-tls-" + System.nanoTime(), MqttConfig.DEFAULT_SHARED_GROUP,
        MqttConfig.DEFAULT_RECEIVE_MAXIMUM, TlsFiles.trusting(dir.resolve(caFile).toString()));
    CountyConnection.Handler record = (topic, payload) -> {
      topics.add(topic);
      return Future.succeededFuture();
    };
    return new CountyConnection(config, vertx.getOrCreateContext(), record, record);
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
      all.add(t);
    }
    return all;
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
