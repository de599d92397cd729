package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.Futures;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.campusguard.hub.auth.UserStore;
import io.campusguard.runtime.tls.TlsFiles;
import io.campusguard.runtime.tls.TlsMaterial;
import io.campusguard.testing.TestPki;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The console over HTTPS: natively, and behind a TLS-terminating proxy the hub is told to trust. */
@Timeout(180)
class ConsoleTlsTest {
  @TempDir Path dir;

  /**
   * Verifies that with http.tls the hub speaks HTTPS only, the login's Origin check passes for https://, and the
   * session cookie is Secure with HSTS on the answers; plain HTTP gets no answer.
   */
  @Test
  void nativeTlsGivesSecureCookiesAndHsts() throws Exception {
    TestPki pki = TestPki.write(dir);
    HubConfig.Http http = new HubConfig.Http("127.0.0.1", 0, null, null, null, null, null, null,
        new TlsFiles(null, pki.brokerCert(), pki.brokerKey(), null), null);
    try (TestDatabase db = new TestDatabase(); TestHub hub = new TestHub(db.config(), "t" + UUID.randomUUID().toString().substring(0, 8), http)) {
      String password = Futures.await(hub.verticle().userStore().provision(new User("tls-op", "", Role.OPERATOR, null))).password();
      // the certificate names localhost
      String origin = "https://localhost:" + hub.httpPort();
      HttpClient client = HttpClient.newBuilder().sslContext(TlsMaterial.clientContext(TlsFiles.trusting(pki.ca())))
          .connectTimeout(Duration.ofSeconds(5)).build();

      HttpResponse<String> login = client.send(login(origin, origin, "tls-op", password), HttpResponse.BodyHandlers.ofString());

      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure").containsIgnoringCase("HttpOnly");
      assertThat(login.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
      // control: plain HTTP to the same port is no console
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/health")).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  /**
   * Verifies that behind a trusted proxy (X-Forwarded-Proto https, X-Forwarded-Host) the browser's https origin
   * passes the Origin check and gets a Secure cookie and HSTS, while the same headers from an untrusted address are
   * ignored (the Origin check then fails).
   */
  @Test
  void trustedProxyIsBelievedOthersAreNot() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      for (boolean trusted : List.of(true, false)) {
        HubConfig.Http http = new HubConfig.Http("127.0.0.1", 0, null, null, null, null, null, null, null,
            List.of(trusted ? "127.0.0.1" : "10.1.1.1"));
        try (TestHub hub = new TestHub(db.config(), "p" + UUID.randomUUID().toString().substring(0, 8), http)) {
          UserStore.Issued user = Futures.await(hub.verticle().userStore().provision(new User("proxy-op", "", Role.OPERATOR, null)));
          HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/login"))
              .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
              .header("Origin", "https://console.county.example").header("X-Forwarded-Proto", "https")
              .header("X-Forwarded-Host", "console.county.example")
              .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", "proxy-op").put("password", user.password()).encode()))
              .build();
          HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
          if (trusted) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).isPresent();
          } else {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
          }
        }
      }
    }
  }

  private static HttpRequest login(String base, String origin, String user, String password) {
    return HttpRequest.newBuilder(URI.create(base + "/api/login")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Origin", origin)
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user).put("password", password).encode())).build();
  }
}
