package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.config.HttpSettings;
import io.campusguard.gateway.config.OutboxSettings;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.runtime.tls.CountyPki;
import io.campusguard.runtime.tls.TlsFiles;
import io.campusguard.testing.TestPki;
import io.campusguard.testing.TestServices;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A gateway's /metrics tells when its outbox file was unusable and how long its TLS certificates have left. */
@Timeout(60)
class GatewayMonitoringMetricsTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Verifies that an unreadable outbox file shows as 1 (a healthy one as 0), and the uplink's certificates with their time left. */
  @Test
  void unreadableOutboxAndCertificateExpiry() throws Exception {
    String campus = "T-M" + Long.toHexString(System.nanoTime());
    TestPki pki = TestPki.write(dir, "gw-" + campus);
    Path kept = dir.resolve(campus + ".db");
    Files.write(kept, "not an SQLite file".repeat(100).getBytes(StandardCharsets.UTF_8));
    // The county link over TLS to a port nobody serves: it keeps reconnecting, its certificates are exported all the same.
    BrokerLink county = BrokerLink.of(null, null, null).withTls("ssl://localhost:" + TestServices.freePort(),
        new TlsFiles(pki.file("ca.pem"), pki.file("gw-" + campus + ".pem"), pki.file("gw-" + campus + ".key"), null));
    String damaged = scrape(deploy(campus, county, kept));

    assertThat(value(damaged, "cg_outbox_unreadable{campus=\"" + campus + "\"}")).isEqualTo(1.0);
    assertThat(value(damaged, "cg_outbox_write_failures_total{campus=\"" + campus + "\"}")).isZero();
    double own = value(damaged, "cg_tls_certificate_expiry_seconds{campus=\"" + campus
        + "\",link=\"countyBroker.tls\",role=\"own\",subject=\"CN=gw-" + campus + ",");
    double ca = value(damaged, "cg_tls_certificate_expiry_seconds{campus=\"" + campus
        + "\",link=\"countyBroker.tls\",role=\"ca\",subject=\"CN=Test County CA,");
    long validity = CountyPki.DEFAULT_VALIDITY.toSeconds();
    assertThat(own).isBetween(validity - 600.0, (double) validity);
    assertThat(ca).isGreaterThan(own);

    // control: a healthy outbox reads 0, and a plaintext uplink exports no certificate
    String healthyCampus = campus + "H";
    BrokerLink plain = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    String healthy = scrape(deploy(healthyCampus, plain, dir.resolve(healthyCampus + ".db")));
    assertThat(value(healthy, "cg_outbox_unreadable{campus=\"" + healthyCampus + "\"}")).isEqualTo(0.0);
    assertThat(healthy).doesNotContain("cg_tls_certificate_expiry_seconds{campus=\"" + healthyCampus + "\"");
  }

  private int deploy(String campus, BrokerLink county, Path outbox) throws Exception {
    BrokerLink mqtt = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    GatewayConfig config = new GatewayConfig(campus, null, mqtt, county, null,
        new OutboxSettings(outbox.toString(), null, null, null), null, new HttpSettings(null, 0));
    GatewayVerticle verticle = new GatewayVerticle(config, RulesHook.PASS_THROUGH, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    return verticle.httpPort();
  }

  private String scrape(int port) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** One exposition line's value; a series ending in a comma is a prefix (its other labels are not compared). */
  private static double value(String metrics, String series) {
    String rest = series.endsWith(",") ? "[^ ]*" : "";
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + rest + " (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("%s in /metrics", series).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
