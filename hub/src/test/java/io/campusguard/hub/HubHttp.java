package io.campusguard.hub;

import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.campusguard.hub.auth.UserStore;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plain HTTP requests to a test hub's API, as the console makes them: signed in (session cookie, the session's CSRF
 * token and the hub's own Origin on every request). {@code user} names who acts: the user is made (or re-issued)
 * in the hub's store on first use and signed in over {@code POST /api/login}; its role follows its name: {@code it-*}
 * IT staff, {@code admin*} or null an administrator, anything else a safety-centre operator. Sessions are kept per
 * hub port and user for the test run.
 */
public final class HubHttp {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, Session> SESSIONS = new ConcurrentHashMap<>();
  public static final String DEFAULT_USER = "admin-test";

  private final int port;
  private final UserStore users;

  public HubHttp(TestHub hub) {
    this(hub.httpPort(), hub.verticle().userStore());
  }

  /** Over {@code port}, making users in {@code users} (the same hub's store; null: only {@link #login} works). */
  public HubHttp(int port, UserStore users) {
    this.port = port;
    this.users = users;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public String origin() {
    return "http://127.0.0.1:" + port;
  }

  /** A GET as the default user (an administrator, who may read everything). */
  public HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  /** A request with a JSON body, or none when {@code body} is null, as {@code user} (null: the default user). */
  public HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
    String id = user == null ? DEFAULT_USER : user;
    Role role = id.startsWith("it-") ? Role.IT : id.startsWith("admin") ? Role.ADMIN : Role.OPERATOR;
    return as(new User(id, id, role, null)).send(method, path, body);
  }

  /** A signed-in session of {@code user}, made (or re-issued) in the hub's store on first use. */
  public Session as(User user) throws Exception {
    // Per hub (its user store), not only per port: a later test hub may be given a port an earlier one had.
    String key = System.identityHashCode(users) + "/" + port + "/" + user.id() + "/" + user.role() + "/" + user.campus();
    Session s = SESSIONS.get(key);
    if (s == null) {
      String password = Futures.await(users.provision(user)).password();
      s = login(user.id(), password);
      SESSIONS.put(key, s);
    }
    return s;
  }

  /** Signs in over HTTP; fails the test when the hub refuses. */
  public Session login(String user, String password) throws Exception {
    HttpResponse<String> r = loginResponse(user, password);
    if (r.statusCode() != 200) {
      throw new AssertionError("login of " + user + " refused: " + r.statusCode() + " " + r.body());
    }
    return new Session(cookie(r), new JsonObject(r.body()).getString("csrfToken"));
  }

  /** The hub's raw answer to a login. */
  public HttpResponse<String> loginResponse(String user, String password) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri("/api/login")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Origin", origin())
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user).put("password", password).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the session cookie a response sets, or null. */
  public static String cookie(HttpResponse<?> r) {
    return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cg_session="))
        .map(c -> c.substring("cg_session=".length(), c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .findFirst().orElse(null);
  }

  /** One signed-in user's requests. */
  public final class Session {
    private final String cookie;
    private final String csrf;

    Session(String cookie, String csrf) {
      this.cookie = cookie;
      this.csrf = csrf;
    }

    public String cookie() {
      return cookie;
    }

    public String csrfToken() {
      return csrf;
    }

    public HttpResponse<String> get(String path) throws Exception {
      return send("GET", path, null);
    }

    public HttpResponse<String> send(String method, String path, String body) throws Exception {
      return HTTP.send(request(path, method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request as the console sends it (cookie, Origin, CSRF token), to send or to change before sending. */
    public HttpRequest.Builder request(String path, String method, String body) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
          .header("Cookie", "cg_session=" + cookie).header("Origin", origin()).header("X-CSRF-Token", csrf);
      if (body != null) {
        b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      return b;
    }
  }
}
