package io.campusguard.simulators.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * Watches the hub's Server-Sent Events stream as the console does, and notes when each panic alarm first
 * arrives, keyed by its device and source time. Reconnects with {@code Last-Event-ID} when the hub goes away
 * (a hub outage), so the wait is measured as an operator would see it. Signs in first, as the console does, and
 * again whenever the hub answers 401.
 */
public final class SseWatcher {
  private final Vertx vertx;
  private final int port;
  private final Map<EmissionKey, Long> arrivals;
  private final HttpClient client;
  private volatile boolean stopped;
  private volatile String lastEventId;
  private final StringBuilder pending = new StringBuilder();

  private final String user;
  private final String password;
  private volatile String cookie;

  /** Watches as {@code user} (a console user of the hub, e.g. one made with {@code Hub.provisionUser}). */
  public SseWatcher(Vertx vertx, int port, Map<EmissionKey, Long> arrivals, String user, String password) {
    this.vertx = vertx;
    this.port = port;
    this.arrivals = arrivals;
    this.user = user;
    this.password = password;
    this.client = vertx.createHttpClient(new HttpClientOptions().setIdleTimeout(0));
  }

  public void start() {
    connect();
  }

  private void connect() {
    if (stopped) {
      return;
    }
    if (cookie == null) {
      signIn();
      return;
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI("/api/events")
        .putHeader("Accept", "text/event-stream").putHeader("Cookie", cookie);
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    client.request(options)
        .compose(req -> req.send())
        .onSuccess(resp -> {
          if (resp.statusCode() == 401) {
            cookie = null;
          }
          resp.handler(this::onChunk);
          resp.endHandler(v -> retry());
          resp.exceptionHandler(e -> retry());
        })
        .onFailure(e -> retry());
  }

  private void signIn() {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI("/api/login")
        .putHeader("Content-Type", "application/json").putHeader("Origin", "http://127.0.0.1:" + port);
    client.request(options)
        .compose(req -> req.send(new JsonObject().put("user", user).put("password", password).encode()))
        .onSuccess(resp -> {
          String set = resp.cookies().stream().filter(c -> c.startsWith("cg_session=")).findFirst().orElse(null);
          if (resp.statusCode() == 200 && set != null) {
            cookie = set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
            connect();
          } else {
            retry();
          }
        })
        .onFailure(e -> retry());
  }

  private void retry() {
    if (!stopped) {
      vertx.setTimer(500, id -> connect());
    }
  }

  private void onChunk(Buffer chunk) {
    long now = System.currentTimeMillis();
    pending.append(chunk.toString());
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String event = pending.substring(0, end);
      pending.delete(0, end + 2);
      onEvent(event, now);
    }
  }

  private void onEvent(String event, long arrivedAt) {
    String name = null;
    StringBuilder data = new StringBuilder();
    for (String line : event.split("\n")) {
      if (line.startsWith("event:")) {
        name = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).trim());
      } else if (line.startsWith("id:")) {
        lastEventId = line.substring(3).trim();
      }
    }
    if (!"alarm".equals(name) || data.length() == 0) {
      return;
    }
    try {
      JsonObject alarm = new JsonObject(data.toString());
      if ("panic".equals(alarm.getString("type")) && alarm.getString("sourceTs") != null) {
        arrivals.putIfAbsent(new EmissionKey(alarm.getString("device"), Instant.parse(alarm.getString("sourceTs"))), arrivedAt);
      }
    } catch (RuntimeException e) {
      // Not an alarm this watcher understands; the console would show it anyway.
    }
  }

  public void stop() {
    stopped = true;
    client.close();
  }
}
