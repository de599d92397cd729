package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.HubHttp;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.campusguard.hub.auth.UserStore;
import io.campusguard.hub.Futures;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Signing in and out, CSRF protection, the session cookie, security headers, user management and their audit rows. */
@Timeout(120)
class SessionSecurityTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestDatabase db;
  private static TestHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "s" + UUID.randomUUID().toString().substring(0, 8));
    http = new HubHttp(hub);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies that a state-changing request without the token, with a wrong one, or from a foreign or unnamed origin gets 403. */
  @Test
  void csrfTokenAndOriginAreRequired() throws Exception {
    HubHttp.Session s = http.as(new User("cs-op", "", Role.OPERATOR, null));
    String path = "/api/campuses/LP-701/test-mode";
    String body = "{\"minutes\":1}";

    HttpResponse<String> noToken = send(s.request(path, "POST", body).setHeader("X-CSRF-Token", ""));
    HttpResponse<String> wrongToken = send(s.request(path, "POST", body).setHeader("X-CSRF-Token", s.csrfToken().substring(1) + "A"));
    HttpResponse<String> foreign = send(s.request(path, "POST", body).setHeader("Origin", "http://evil.example"));
    HttpResponse<String> otherPort = send(s.request(path, "POST", body).setHeader("Origin", "http://127.0.0.1:1"));
    HttpRequest.Builder noOrigin = HttpRequest.newBuilder(http.uri(path)).header("Cookie", "cg_session=" + s.cookie())
        .header("X-CSRF-Token", s.csrfToken()).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));

    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(noToken.body()).getString("error")).contains("X-CSRF-Token");
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(foreign.body()).getString("error")).contains("Origin")
        // it says which origin the hub expected (the address the request was sent to) and which it got
        .contains("expected " + http.origin(), "got Origin http://evil.example");
    assertThat(otherPort.statusCode()).isEqualTo(403);
    assertThat(send(noOrigin).statusCode()).isEqualTo(403);
    assertThat(db.count("SELECT count(*) FROM panic_test_windows")).isZero();
    // control: the console's own request (Origin, or failing that a same-origin Referer) is taken
    HttpResponse<String> byReferer = send(HttpRequest.newBuilder(http.uri(path)).header("Cookie", "cg_session=" + s.cookie())
        .header("X-CSRF-Token", s.csrfToken()).header("Referer", http.origin() + "/console/#/board")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(byReferer.statusCode()).as(byReferer.body()).isEqualTo(200);
    // a read needs no token
    assertThat(send(s.request("/api/procedures", "GET", null).setHeader("X-CSRF-Token", "")).statusCode()).isEqualTo(200);
  }

  /** Verifies that login sets a new session id each time (HttpOnly, SameSite=Strict), ends the one the browser had, and logout ends it. */
  @Test
  void sessionIdChangesAtLoginAndLogoutEndsIt() throws Exception {
    UserStore.Issued user = Futures.await(hub.verticle().userStore().provision(new User("cs-login", "", Role.OPERATOR, null)));
    HttpResponse<String> first = http.loginResponse("cs-login", user.password());
    assertThat(first.statusCode()).isEqualTo(200);
    String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/").doesNotContainIgnoringCase("Secure");
    String firstId = HubHttp.cookie(first);
    assertThat(firstId).hasSize(43);

    // signing in again from the same browser (sending the old cookie) gives a new id and ends the old session
    HttpResponse<String> second = send(HttpRequest.newBuilder(http.uri("/api/login")).header("Cookie", "cg_session=" + firstId)
        .header("Origin", http.origin()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", "cs-login").put("password", user.password()).encode())));
    String secondId = HubHttp.cookie(second);
    assertThat(secondId).isNotNull().isNotEqualTo(firstId);
    assertThat(session(firstId).statusCode()).isEqualTo(401);
    HttpResponse<String> current = session(secondId);
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(current.body()).getString("id")).isEqualTo("cs-login");
    String csrf = new JsonObject(current.body()).getString("csrfToken");

    HttpResponse<String> out = send(HttpRequest.newBuilder(http.uri("/api/logout")).header("Cookie", "cg_session=" + secondId)
        .header("Origin", http.origin()).header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(session(secondId).statusCode()).isEqualTo(401);
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'cs-login' AND action = 'logout'")).isEqualTo(1);
  }

  /** Verifies that logins are audited, failed ones too, never with the password, and that a wrong password and an unknown user answer alike. */
  @Test
  void loginsAreAudited() throws Exception {
    UserStore.Issued user = Futures.await(hub.verticle().userStore().provision(new User("cs-audit", "", Role.IT, null)));
    HttpResponse<String> wrong = http.loginResponse("cs-audit", "not-the-password");
    HttpResponse<String> unknown = http.loginResponse("cs-nobody", "not-the-password");
    HttpResponse<String> right = http.loginResponse("cs-audit", user.password());

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(HubHttp.cookie(wrong)).isNull();
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'cs-audit' AND action = 'login.failed' AND target = 'user/cs-audit'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'cs-nobody' AND action = 'login.failed'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'cs-audit' AND action = 'login'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE detail LIKE '%not-the-password%' OR detail LIKE '%" + user.password() + "%'")).isZero();
    assertThat(db.count("SELECT count(*) FROM users WHERE password_hash LIKE '$2y$%' AND id = 'cs-audit'")).isEqualTo(1);
    assertThat(http.get("/metrics").body()).contains("cg_login_failures_total");
  }

  /** Verifies that the API needs a session, while health, metrics and the console's pages do not, and that every answer has the security headers. */
  @Test
  void sessionsRequiredAndHeadersSet() throws Exception {
    HttpResponse<String> anonymous = send(HttpRequest.newBuilder(http.uri("/api/alarms")));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(send(HttpRequest.newBuilder(http.uri("/api/alarms")).header("X-CampusGuard-User", "op-li")).statusCode()).isEqualTo(401);
    assertThat(send(HttpRequest.newBuilder(http.uri("/api/alarms")).header("Cookie", "cg_session=" + "A".repeat(43))).statusCode()).isEqualTo(401);
    assertThat(send(HttpRequest.newBuilder(http.uri("/health"))).statusCode()).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(http.uri("/metrics"))).statusCode()).isEqualTo(200);
    HttpResponse<String> page = send(HttpRequest.newBuilder(http.uri("/console/")));
    assertThat(page.statusCode()).isEqualTo(200);
    for (HttpResponse<String> r : new HttpResponse[] {anonymous, page, http.get("/api/session")}) {
      assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'").contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).contains("same-origin");
    }
    assertThat(anonymous.headers().firstValue("Cache-Control")).contains("no-store");
  }

  /** Verifies that only an administrator creates users, each with a generated password shown once that then signs in. */
  @Test
  void administratorCreatesUsers() throws Exception {
    HubHttp.Session admin = http.as(new User("cs-admin", "", Role.ADMIN, null));
    // a principal of a campus the hub does not know (a typo) is refused, saying how to fix it; registered, it is made
    HttpResponse<String> typo = admin.send("POST", "/api/users", "{\"id\":\"pr-lp-702\",\"role\":\"principal\",\"campus\":\"LP-720\"}");
    assertThat(typo.statusCode()).as(typo.body()).isEqualTo(400);
    assertThat(new JsonObject(typo.body()).getString("error")).startsWith("campus: LP-720 is not a campus of this hub")
        .contains("PUT /api/campuses/LP-720");
    assertThat(admin.send("PUT", "/api/campuses/LP-702", "{\"name\":\"连平县某小学\",\"town\":\"元善镇\"}").statusCode()).isEqualTo(200);
    HttpResponse<String> created = admin.send("POST", "/api/users", "{\"id\":\"pr-lp-702\",\"role\":\"principal\",\"campus\":\"LP-702\",\"displayName\":\"王校长\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String password = new JsonObject(created.body()).getString("password");
    assertThat(password).hasSizeGreaterThanOrEqualTo(32);
    HubHttp.Session principal = http.login("pr-lp-702", password);
    JsonObject me = new JsonObject(principal.get("/api/session").body());
    assertThat(me.getString("role")).isEqualTo("principal");
    assertThat(me.getString("campus")).isEqualTo("LP-702");
    assertThat(me.getJsonArray("may")).contains("ALARM_ACK").doesNotContain("ALARM_MANAGE");

    assertThat(admin.send("POST", "/api/users", "{\"id\":\"pr-lp-702\",\"role\":\"operator\"}").statusCode()).isEqualTo(409);
    assertThat(admin.send("POST", "/api/users", "{\"id\":\"x\",\"role\":\"principal\"}").statusCode()).isEqualTo(400);
    assertThat(admin.send("POST", "/api/users", "{\"id\":\"x\",\"role\":\"root\"}").statusCode()).isEqualTo(400);
    assertThat(principal.send("POST", "/api/users", "{\"id\":\"y\",\"role\":\"admin\"}").statusCode()).isEqualTo(403);
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'cs-admin' AND action = 'user.create' AND target = 'user/pr-lp-702'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM users WHERE id = 'y'")).isZero();
  }

  private static HttpResponse<String> session(String cookie) throws Exception {
    return send(HttpRequest.newBuilder(http.uri("/api/session")).header("Cookie", "cg_session=" + cookie));
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
