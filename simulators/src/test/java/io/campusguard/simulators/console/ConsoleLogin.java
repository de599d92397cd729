package io.campusguard.simulators.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.Hub;
import io.campusguard.hub.auth.User;
import io.campusguard.testing.BrowserSession;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * One console user of a test hub, for the browser tests: made with a generated password, signed in through the
 * console's login page in each browser, and signed in over HTTP for the tests' own API reads. Sessions live in the
 * hub's database, so they outlast a hub restart on the same database.
 */
final class ConsoleLogin {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;
  private final User user;
  private final String password;
  private String cookie;
  private String csrf;

  private ConsoleLogin(int port, User user, String password) {
    this.port = port;
    this.user = user;
    this.password = password;
  }

  static ConsoleLogin create(Hub hub, int port, User user) throws Exception {
    return new ConsoleLogin(port, user, hub.provisionUser(user).await(30, TimeUnit.SECONDS).password());
  }

  String url(String fragment) {
    return "http://127.0.0.1:" + port + "/console/" + fragment;
  }

  /** Opens the console at {@code fragment}, signs in on the login page when it shows, and waits for the live stream. */
  WebDriver open(BrowserSession session, String fragment) {
    WebDriver d = session.driver();
    d.get(url(fragment));
    await().atMost(Duration.ofSeconds(15)).until(() -> visible(d, "#view-login") || visible(d, "header.top"));
    if (visible(d, "#view-login")) {
      d.findElement(By.name("user")).sendKeys(user.id());
      d.findElement(By.name("password")).sendKeys(password);
      d.findElement(By.id("login-submit")).click();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> d.findElement(By.id("stream-state")).getAttribute("class").contains("up"));
    return d;
  }

  /** A GET of the API as this user; asserts 200. */
  JsonObject get(String path) throws Exception {
    HttpResponse<String> r = send(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  /** A GET of the API as this user, whatever the answer. */
  synchronized HttpResponse<String> send(String path) throws Exception {
    if (cookie == null) {
      HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").header("Origin", "http://127.0.0.1:" + port)
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user.id()).put("password", password).encode())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      String set = login.headers().firstValue("Set-Cookie").orElseThrow();
      cookie = set.substring(0, set.indexOf(';'));
      csrf = new JsonObject(login.body()).getString("csrfToken");
    }
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A PUT or POST of the API as this user (with the session's CSRF token and the hub's Origin), whatever the answer. */
  synchronized HttpResponse<String> send(String method, String path, String body) throws Exception {
    send("/api/session");
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
        .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Origin", "http://127.0.0.1:" + port)
        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static boolean visible(WebDriver d, String css) {
    return Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "const e = document.querySelector(arguments[0]); return Boolean(e && !e.hidden && e.offsetParent !== null)", css));
  }
}
