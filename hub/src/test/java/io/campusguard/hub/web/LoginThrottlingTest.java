package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.Futures;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.auth.LoginThrottle;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.campusguard.hub.auth.UserStore;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Password guessing over HTTP: per account, then per address, answered 429 with Retry-After before any check. */
@Timeout(120)
class LoginThrottlingTest {
  private static TestDatabase db;
  private static TestHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "t" + UUID.randomUUID().toString().substring(0, 8));
    http = new HubHttp(hub);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /**
   * Verifies that after its limit of wrong passwords an account is refused with 429 and Retry-After even with the
   * right password (and no audit row: no check was made), that other accounts from the address still sign in
   * until the address's own limit, and that then every login from it is refused the same way.
   */
  @Test
  void guessingIsThrottledPerAccountThenPerAddress() throws Exception {
    UserStore.Issued target = Futures.await(hub.verticle().userStore().provision(new User("th-target", "", Role.OPERATOR, null)));
    UserStore.Issued other = Futures.await(hub.verticle().userStore().provision(new User("th-other", "", Role.OPERATOR, null)));
    UserStore.Issued late = Futures.await(hub.verticle().userStore().provision(new User("th-late", "", Role.OPERATOR, null)));
    for (int i = 0; i < LoginThrottle.DEFAULT_PER_ACCOUNT; i++) {
      assertThat(http.loginResponse("th-target", "guess-" + i).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> held = http.loginResponse("th-target", target.password());
    assertThat(held.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(held.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
    assertThat(new JsonObject(held.body()).getString("error")).contains("too many failed logins");
    assertThat(HubHttp.cookie(held)).isNull();
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'th-target' AND action LIKE 'login%'"))
        .isEqualTo(LoginThrottle.DEFAULT_PER_ACCOUNT);
    // control: another account from the same address still signs in
    assertThat(http.loginResponse("th-other", other.password()).statusCode()).isEqualTo(200);

    for (int i = LoginThrottle.DEFAULT_PER_ACCOUNT; i < LoginThrottle.DEFAULT_PER_ADDRESS; i++) {
      assertThat(http.loginResponse("th-guess-" + i, "guess").statusCode()).isEqualTo(401);
    }
    HttpResponse<String> address = http.loginResponse("th-late", late.password());
    assertThat(address.statusCode()).isEqualTo(429);
    assertThat(address.headers().firstValue("Retry-After")).isPresent();
    String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(http.uri("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("cg_logins_throttled_total 2.0");
  }
}
