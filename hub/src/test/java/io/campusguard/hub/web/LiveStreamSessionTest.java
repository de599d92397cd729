package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.HubHttp;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console's live stream ends with its session, is capped per session, and never replays from beyond the feed. */
@Timeout(120)
class LiveStreamSessionTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestDatabase db;
  private static TestHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "l" + UUID.randomUUID().toString().substring(0, 8));
    http = new HubHttp(hub);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies that a stream whose session signed out is closed by the hub at the next keepalive, and gets no alarm after. */
  @Test
  void streamEndsWithTheSession() throws Exception {
    HubHttp.Session s = http.login("ls-out", provision("ls-out"));
    Open stream = open(s, null);
    HubHttp.Session other = http.login("ls-stays", provision("ls-stays"));
    Open control = open(other, null);

    assertThat(s.send("POST", "/api/logout", null).statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(40)).until(stream.ended::isDone);
    raisePanic("LP-931");
    await().atMost(Duration.ofSeconds(10)).until(() -> control.lines.stream().anyMatch(l -> l.contains("LP-931")));
    assertThat(stream.lines).noneMatch(l -> l.contains("LP-931"));
    assertThat(control.ended).isNotDone();
  }

  /** Verifies that one session gets at most eight streams at once (429 after), while another session still gets one. */
  @Test
  void streamsPerSessionAreCapped() throws Exception {
    HubHttp.Session s = http.login("ls-tabs", provision("ls-tabs"));
    List<Open> tabs = new ArrayList<>();
    for (int i = 0; i < ChangeStream.MAX_STREAMS_PER_SESSION; i++) {
      tabs.add(open(s, null));
    }
    HttpResponse<String> ninth = HTTP.send(s.request("/api/events", "GET", null).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(ninth.statusCode()).isEqualTo(429);
    assertThat(ninth.headers().firstValue("Retry-After")).isPresent();
    // control: another session is not held by this one's streams
    HubHttp.Session other = http.login("ls-tabs2", provision("ls-tabs2"));
    open(other, null);
    tabs.forEach(t -> t.body.close());
  }

  /** Verifies that a Last-Event-ID far ahead of the feed does not silence the stream: the next change still arrives. */
  @Test
  void lastEventIdAheadOfTheFeedStillGetsNewChanges() throws Exception {
    HubHttp.Session s = http.login("ls-ahead", provision("ls-ahead"));
    Open stream = open(s, "999999999");
    raisePanic("LP-932");
    await().atMost(Duration.ofSeconds(10)).until(() -> stream.lines.stream().anyMatch(l -> l.contains("LP-932")));
  }

  private record Open(List<String> lines, Stream<String> body, CompletableFuture<Void> ended) {}

  private static Open open(HubHttp.Session s, String lastEventId) throws Exception {
    var request = s.request("/api/events", "GET", null).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> response = HTTP.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
      try {
        response.body().forEach(lines::add);
      } catch (RuntimeException closed) {
        // the test closed it, or the connection dropped: ended either way
      }
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.startsWith("retry:")));
    return new Open(lines, response.body(), ended);
  }

  private static String provision(String id) {
    return io.campusguard.hub.Futures.await(hub.verticle().userStore().provision(new User(id, "", Role.OPERATOR, null))).password();
  }

  private static void raisePanic(String campus) throws Exception {
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.send(TestEvents.batch(campus, List.of(TestEvents.panic(campus, campus + "-PB-01", 1))));
      await().atMost(Duration.ofSeconds(10)).until(() -> db.count("SELECT count(*) FROM alarms WHERE campus_id = '" + campus + "'") == 1);
    }
  }
}
