package io.campusguard.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.broker.TlsListenerSettings;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import io.campusguard.runtime.tls.CountyPki;
import io.campusguard.testing.TestPki;
import io.campusguard.testing.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The hub's /metrics tells whether PostgreSQL and InfluxDB answer and how long its certificates have left. */
@Timeout(240)
class HubMonitoringMetricsTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path dir;

  /** Verifies that the real PostgreSQL and InfluxDB show as up, and an InfluxDB nobody serves as down. */
  @Test
  void dependenciesUpAndDown() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      HubConfig.Influx influx = new HubConfig.Influx(TestServices.influxUrl(), TestServices.influxDb(), null, null, null);
      try (TestHub hub = new TestHub(db.config(), "mon-" + UUID.randomUUID(), Duration.ofSeconds(20), influx)) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          String metrics = scrape(hub.httpPort());
          assertThat(value(metrics, "cg_dependency_up{dependency=\"postgresql\"}")).isEqualTo(1.0);
          assertThat(value(metrics, "cg_dependency_up{dependency=\"influxdb\"}")).isEqualTo(1.0);
        });
      }
      // control: an InfluxDB address where nothing listens is down, the database still up
      HubConfig.Influx nobody = new HubConfig.Influx("http://127.0.0.1:" + TestServices.freePort(), "campus", null, null, null);
      try (TestHub hub = new TestHub(db.config(), "mon-" + UUID.randomUUID(), Duration.ofSeconds(20), nobody)) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          String metrics = scrape(hub.httpPort());
          assertThat(value(metrics, "cg_dependency_up{dependency=\"postgresql\"}")).isEqualTo(1.0);
          assertThat(value(metrics, "cg_dependency_up{dependency=\"influxdb\"}")).isEqualTo(0.0);
        });
      }
    }
  }

  /** Verifies that the embedded broker's TLS certificate and its trusted CA are exported with the seconds they have left. */
  @Test
  void certificateExpiryOfTheEmbeddedBrokerListener() throws Exception {
    TestPki.write(dir);
    try (TestDatabase db = new TestDatabase()) {
      HubConfig config = new HubConfig(
          new HubConfig.Database(db.config().jdbcUrl(), db.config().user(), db.config().password(), 2),
          null, new HubConfig.Http("127.0.0.1", 0), null, null, null,
          new HubConfig.Embedded(dir.resolve("hub").toString(), 0, null,
              new TlsListenerSettings("127.0.0.1", 0, file("broker.pem"), file("broker.key"), null, file("ca.pem"), "optional")),
          null);
      Hub hub = Hub.start(config).await(2, TimeUnit.MINUTES);
      try {
        String metrics = scrape(hub.httpPort());
        double own = value(metrics, "cg_tls_certificate_expiry_seconds{link=\"embedded.brokerTls\",role=\"own\",subject=\"CN=county-broker,");
        double ca = value(metrics, "cg_tls_certificate_expiry_seconds{link=\"embedded.brokerTls\",role=\"ca\",subject=\"CN=Test County CA,");
        long validity = CountyPki.DEFAULT_VALIDITY.toSeconds();
        assertThat(own).isBetween(validity - 600.0, (double) validity);
        assertThat(ca).isGreaterThan(own);
      } finally {
        hub.stop().await(1, TimeUnit.MINUTES);
      }
    }
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  static String scrape(int port) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** The value of one exposition line, by its exact name and labels; fails when the line is absent. */
  static double value(String metrics, String series) {
    // A series ending in a comma is a prefix: the rest of its labels are not compared.
    String rest = series.endsWith(",") ? "[^ ]*" : "";
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + rest + " (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("%s in /metrics", series).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
