package io.campusguard.hub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP requests to a test hub's API, as the console makes them; {@code user} is the actor header, or null. */
public final class HubHttp {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;

  public HubHttp(int port) {
    this.port = port;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  /** A request with a JSON body, or none when {@code body} is null. */
  public HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    if (user != null) {
      b.header("X-CampusGuard-User", user);
    }
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
