package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.HubHttp;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Users after creation, over HTTP: own password change, reset, disable, enable, end sessions, delete; each audited. */
@Timeout(120)
class UserLifecycleTest {
  private static TestDatabase db;
  private static TestHub hub;
  private static HubHttp http;
  private static HubHttp.Session admin;

  @BeforeAll
  static void start() throws Exception {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "ul" + UUID.randomUUID().toString().substring(0, 8));
    http = new HubHttp(hub);
    admin = http.as(new User("ul-admin", "", Role.ADMIN, null));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /**
   * Verifies that a created user must change its generated password before anything else, that the change needs
   * the old password, ends the user's other sessions and keeps this one, and that the new password signs in.
   */
  @Test
  void newUserChangesItsGeneratedPassword() throws Exception {
    String generated = create("ul-op", "operator");
    HubHttp.Session first = http.login("ul-op", generated);
    HubHttp.Session second = http.login("ul-op", generated);
    assertThat(new JsonObject(first.get("/api/session").body()).getBoolean("mustChangePassword")).isTrue();
    assertThat(first.get("/api/alarms").statusCode()).isEqualTo(403);

    assertThat(changeOwn(first, "wrong-old-password", "a-chosen-password-1").statusCode()).isEqualTo(403);
    assertThat(changeOwn(first, generated, "short").statusCode()).isEqualTo(400);
    assertThat(changeOwn(first, generated, "a-chosen-password-1").statusCode()).isEqualTo(200);

    assertThat(first.get("/api/alarms").statusCode()).as("this session goes on").isEqualTo(200);
    assertThat(second.get("/api/session").statusCode()).as("the other session ended").isEqualTo(401);
    assertThat(http.loginResponse("ul-op", generated).statusCode()).isEqualTo(401);
    assertThat(http.login("ul-op", "a-chosen-password-1").cookie()).isNotBlank();
    assertThat(audits("ul-op", "user.password.change")).isEqualTo(1);
    assertThat(audits("ul-op", "user.password.change.failed")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE detail LIKE '%a-chosen-password-1%'")).isZero();
  }

  /**
   * Verifies that an administrator's reset, disable, end-sessions and delete each cut the user's session off and
   * are audited; a disabled user cannot sign in until enabled; a deleted one never again.
   */
  @Test
  void administratorResetsDisablesEndsAndDeletes() throws Exception {
    String generated = create("ul-it", "it");
    HubHttp.Session s = http.login("ul-it", generated);
    assertThat(changeOwn(s, generated, "it-staff-own-password").statusCode()).isEqualTo(200);

    HttpResponse<String> reset = admin.send("POST", "/api/users/ul-it/password", null);
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    String issued = new JsonObject(reset.body()).getString("password");
    assertThat(s.get("/api/session").statusCode()).isEqualTo(401);
    assertThat(http.loginResponse("ul-it", "it-staff-own-password").statusCode()).isEqualTo(401);
    s = http.login("ul-it", issued);
    assertThat(new JsonObject(s.get("/api/session").body()).getBoolean("mustChangePassword")).isTrue();
    assertThat(changeOwn(s, issued, "it-staff-second-password").statusCode()).isEqualTo(200);

    assertThat(admin.send("POST", "/api/users/ul-it/disable", null).statusCode()).isEqualTo(200);
    assertThat(s.get("/api/session").statusCode()).isEqualTo(401);
    assertThat(http.loginResponse("ul-it", "it-staff-second-password").statusCode()).isEqualTo(401);
    JsonObject listed = user("ul-it");
    assertThat(listed.getBoolean("disabled")).isTrue();
    assertThat(admin.send("POST", "/api/users/ul-it/enable", null).statusCode()).isEqualTo(200);
    s = http.login("ul-it", "it-staff-second-password");

    HttpResponse<String> ended = admin.send("DELETE", "/api/users/ul-it/sessions", null);
    assertThat(new JsonObject(ended.body()).getInteger("ended")).isEqualTo(1);
    assertThat(s.get("/api/session").statusCode()).isEqualTo(401);

    assertThat(admin.send("DELETE", "/api/users/ul-it", null).statusCode()).isEqualTo(200);
    assertThat(http.loginResponse("ul-it", "it-staff-second-password").statusCode()).isEqualTo(401);
    assertThat(admin.send("DELETE", "/api/users/ul-it", null).statusCode()).isEqualTo(404);
    for (String action : new String[] {"user.password.reset", "user.disable", "user.enable", "user.sessions.end", "user.delete"}) {
      assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'ul-admin' AND action = '" + action + "' AND target = 'user/ul-it'"))
          .as(action).isEqualTo(1);
    }
  }

  /** Verifies that an administrator cannot disable or delete itself, nor the last administrator who can sign in. */
  @Test
  void theLastAdministratorStays() throws Exception {
    assertThat(admin.send("POST", "/api/users/ul-admin/disable", null).statusCode()).isEqualTo(409);
    assertThat(admin.send("DELETE", "/api/users/ul-admin", null).statusCode()).isEqualTo(409);
    assertThat(admin.get("/api/session").statusCode()).isEqualTo(200);
    // control: another administrator can be disabled while this one remains
    create("ul-admin2", "admin");
    assertThat(admin.send("POST", "/api/users/ul-admin2/disable", null).statusCode()).isEqualTo(200);
  }

  private static String create(String id, String role) throws Exception {
    HttpResponse<String> r = admin.send("POST", "/api/users", new JsonObject().put("id", id).put("role", role).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getBoolean("mustChangePassword")).isTrue();
    return new JsonObject(r.body()).getString("password");
  }

  private static HttpResponse<String> changeOwn(HubHttp.Session s, String old, String next) throws Exception {
    return s.send("POST", "/api/session/password", new JsonObject().put("oldPassword", old).put("newPassword", next).encode());
  }

  private static JsonObject user(String id) throws Exception {
    JsonArray users = new JsonObject(admin.get("/api/users").body()).getJsonArray("users");
    return users.stream().map(JsonObject.class::cast).filter(u -> id.equals(u.getString("id"))).findFirst().orElseThrow();
  }

  private static long audits(String actor, String action) {
    return db.count("SELECT count(*) FROM audit_log WHERE actor = '" + actor + "' AND action = '" + action + "'");
  }
}
