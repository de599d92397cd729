package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.HubConfig;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hub's HTTP server against slow and many clients, and /metrics kept to the monitoring server's address. */
@Timeout(120)
class HttpLimitsTest {
  private static final int MAX = 4;
  private static TestDatabase db;
  private static TestHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    // metricsFrom names an address this test does not come from
    hub = new TestHub(db.config(), "h" + UUID.randomUUID().toString().substring(0, 8),
        new HubConfig.Http("127.0.0.1", 0, null, null, null, Duration.ofSeconds(1), MAX, List.of("10.9.9.9")));
    http = new HubHttp(hub);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies that a client sending its request head too slowly is cut off after the header timeout, and a prompt one is answered. */
  @Test
  void slowHeadersAreCutOff() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", hub.httpPort())) {
      OutputStream out = slow.getOutputStream();
      out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // the rest of the head never comes: the hub closes the connection (end of stream)
      AtomicReference<Integer> read = new AtomicReference<>();
      slow.setSoTimeout(500);
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        read.set(readOrTimeout(slow.getInputStream()));
        return read.get() != null && read.get() == -1;
      });
    }
    assertThat(http.get("/health").statusCode()).isEqualTo(200);
  }

  /** Verifies that past maxConnections open at once a new connection is closed at once, and room comes back when one closes. */
  @Test
  void connectionsAreCapped() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < MAX; i++) {
        held.add(new Socket("127.0.0.1", hub.httpPort()));
      }
      try (Socket extra = new Socket("127.0.0.1", hub.httpPort())) {
        extra.setSoTimeout(5_000);
        assertThat(extra.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    // control: once they are closed, requests are served again
    await().atMost(Duration.ofSeconds(10)).until(() -> new HubHttp(hub).get("/health").statusCode() == 200);
  }

  /** Verifies that /metrics answers 403 to an address not in http.metricsFrom, while /health still answers. */
  @Test
  void metricsOnlyForConfiguredAddresses() throws Exception {
    java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(http.uri("/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(403);
    assertThat(metrics.body()).doesNotContain("cg_");
    assertThat(http.get("/health").statusCode()).isEqualTo(200);
  }

  private static Integer readOrTimeout(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (SocketTimeoutException notYet) {
      return null;
    } catch (IOException reset) {
      return -1;
    }
  }
}
