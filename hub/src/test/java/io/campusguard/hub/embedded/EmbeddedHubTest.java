package io.campusguard.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.Futures;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.auth.FirstAdministratorFile;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.UserStore;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestEvents;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The one-box default: no database and no broker configured. */
@Timeout(240)
class EmbeddedHubTest {
  @TempDir
  Path dataDir;

  /**
   * Verifies that the hub starts its own PostgreSQL and county broker, serves the API, and ingests a panic; and that
   * the first administrator's password is in a 0600 file and must be changed at the first sign-in.
   */
  @Test
  void startsWithNothingConfiguredAndServes() throws Exception {
    HubConfig config = new HubConfig(null, null, new HubConfig.Http("127.0.0.1", 0), null, null, null,
        new HubConfig.Embedded(dataDir.toString(), 0), null);
    // Two minutes, as the console tests allow: on a loaded machine the embedded broker alone has taken 25 s to start.
    Hub hub = Hub.start(config).await(2, java.util.concurrent.TimeUnit.MINUTES);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + hub.httpPort();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("up");

      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body()).contains("cg_ingest_batches_total").contains("vertx_http_server");

      // the first start made the administrator, whose generated password signs in; the API needs a session
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/alarms")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(401);
      UserStore.Issued first = hub.firstAdministrator().orElseThrow();
      assertThat(first.user().role()).isEqualTo(Role.ADMIN);
      // its password is in a file only the hub's user can read, not in the log
      Path file = dataDir.resolve(FirstAdministratorFile.NAME);
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.readString(file)).contains("user: admin").contains("password: " + first.password());
      HubHttp.Session admin = new HubHttp(hub.httpPort(), null).login(first.user().id(), first.password());
      // a generated password: nothing but changing it until then
      assertThat(new JsonObject(admin.get("/api/session").body()).getBoolean("mustChangePassword")).isTrue();
      HttpResponse<String> held = admin.get("/api/alarms");
      assertThat(held.statusCode()).isEqualTo(403);
      assertThat(held.body()).contains("change the generated password first");
      assertThat(admin.send("POST", "/api/session/password",
          new JsonObject().put("oldPassword", first.password()).put("newPassword", "a new one of 24 chars!!").encode()).statusCode()).isEqualTo(200);
      assertThat(new JsonObject(admin.get("/api/session").body()).getBoolean("mustChangePassword")).isFalse();
      assertThat(admin.get("/api/alarms").statusCode()).isEqualTo(200);

      // a gateway on the embedded county broker
      assertThat(hub.embeddedBrokerUrl()).startsWith("tcp://127.0.0.1:");
      ScriptedGateway gw = new ScriptedGateway("LP-801", hub.embeddedBrokerUrl(), null, null);
      gw.send(TestEvents.batch("LP-801", List.of(TestEvents.panic("LP-801", "LP-801-PB-01", 1))));

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gw.acks()).hasSize(1));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        HttpResponse<String> alarms = admin.get("/api/alarms?campus=LP-801");
        assertThat(new JsonObject(alarms.body()).getJsonArray("alarms")).hasSize(1);
      });
      gw.close();
    } finally {
      Futures.await(hub.stop());
    }
  }
}
