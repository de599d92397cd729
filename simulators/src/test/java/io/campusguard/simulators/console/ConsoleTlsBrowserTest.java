package io.campusguard.simulators.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.runtime.net.FreePorts;
import io.campusguard.runtime.tls.TlsFiles;
import io.campusguard.runtime.tls.TlsMaterial;
import io.campusguard.testing.BrowserSession;
import io.campusguard.testing.TestPki;
import io.campusguard.testing.TestServices;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;

/**
 * The console in headless Chromium over the hub's own HTTPS (http.tls): a new user signs in with its generated
 * password, is made to choose its own before anything else, and then works, its session cookie Secure.
 */
@Timeout(300)
class ConsoleTlsBrowserTest {
  @TempDir Path dir;

  /** Verifies that a browser signs in over TLS, changes the generated password on the form it is shown, and reaches the console. */
  @Test
  void signInOverTlsAndChooseOwnPassword() throws Exception {
    String db = "console_tls_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    TestPki pki = TestPki.write(dir);
    int port = FreePorts.pick();
    String base = TestServices.pgUrl();
    HubConfig config = new ConfigLoader().parse(String.join("\n",
        "http: { port: " + port + ", tls: { certFile: \"" + pki.brokerCert() + "\", keyFile: \"" + pki.brokerKey() + "\" } }",
        "database: { url: \"" + base.substring(0, base.lastIndexOf('/') + 1) + db + "\", user: \"" + TestServices.pgUser() + "\" }",
        "mqtt: { url: \"" + TestServices.mqttUrl() + "\", user: \"" + TestServices.mqttUser() + "\", password: \"" + TestServices.mqttPassword() + "\" }",
        "embedded: { dataDir: \"" + dir.resolve("hub") + "\" }", ""), "CG_TEST_HUB", Map.of(), HubConfig.class);
    Hub hub = Hub.start(config).await(2, TimeUnit.MINUTES);
    try {
      // the certificate names localhost; an administrator makes the user over the API, as the guide shows
      String origin = "https://localhost:" + port;
      String generated = createUser(origin, pki, hub, "op-tls");
      X509Certificate server = TlsMaterial.readCertificates("certFile", Path.of(pki.brokerCert())).get(0);
      String spki = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(server.getPublicKey().getEncoded()));

      try (BrowserSession browser = new BrowserSession("--ignore-certificate-errors-spki-list=" + spki)) {
        WebDriver d = browser.driver();
        d.get(origin + "/console/");
        await().atMost(Duration.ofSeconds(20)).until(() -> ConsoleLogin.visible(d, "#view-login"));
        d.findElement(By.name("user")).sendKeys("op-tls");
        d.findElement(By.name("password")).sendKeys(generated);
        d.findElement(By.id("login-submit")).click();

        await().atMost(Duration.ofSeconds(20)).until(() -> ConsoleLogin.visible(d, "#password-form"));
        assertThat(ConsoleLogin.visible(d, "header.top")).isFalse();
        d.findElement(By.name("old")).sendKeys(generated);
        d.findElement(By.name("next")).sendKeys("my-own-password-1");
        d.findElement(By.name("repeat")).sendKeys("my-own-password-1");
        d.findElement(By.cssSelector("#password-form button[type=submit]")).click();

        await().atMost(Duration.ofSeconds(20)).until(() -> ConsoleLogin.visible(d, "header.top"));
        await().atMost(Duration.ofSeconds(20)).until(() -> d.findElement(By.id("stream-state")).getAttribute("class").contains("up"));
        Cookie session = d.manage().getCookieNamed("cg_session");
        assertThat(session).isNotNull();
        assertThat(session.isSecure()).isTrue();
        browser.screenshot("console-tls-signed-in");
      }
    } finally {
      hub.stop().await(30, TimeUnit.SECONDS);
    }
  }

  private static String createUser(String origin, TestPki pki, Hub hub, String id) throws Exception {
    String adminPassword = hub.provisionUser(new User("admin-tls", "", Role.ADMIN, null)).await(30, TimeUnit.SECONDS).password();
    HttpClient https = HttpClient.newBuilder().sslContext(TlsMaterial.clientContext(TlsFiles.trusting(pki.ca()))).build();
    HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(origin + "/api/login")).header("Origin", origin)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", "admin-tls").put("password", adminPassword).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    String csrf = new JsonObject(login.body()).getString("csrfToken");
    HttpResponse<String> created = https.send(HttpRequest.newBuilder(URI.create(origin + "/api/users")).header("Origin", origin)
        .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("id", id).put("role", "operator").encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return new JsonObject(created.body()).getString("password");
  }
}
