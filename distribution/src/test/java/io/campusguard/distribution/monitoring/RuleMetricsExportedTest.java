package io.campusguard.distribution.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.broker.access.BrokerCredential;
import io.campusguard.broker.access.CountyBrokerFiles;
import io.campusguard.broker.access.CountyTopicPolicy;
import io.campusguard.gateway.app.GatewayVerticle;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.testing.TestPki;
import io.campusguard.testing.TestServices;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the alerting rules use, with the label values they select, is one a running hub or gateway
 * exports: a rule on a series nobody emits would never fire. The hub runs as a county runs it (PostgreSQL,
 * InfluxDB, its county broker with accounts and a TLS listener); the gateway with its own campus broker and a TLS
 * uplink to it. Only {@code up} is Prometheus's own.
 */
@Timeout(300)
class RuleMetricsExportedTest {
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");
  private static final Pattern SERIES = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? ");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  /** Verifies that each selector of each rule matches a series scraped from the running hub or gateway. */
  @Test
  void everySelectorOfTheRulesMatchesAnExportedSeries() throws Exception {
    String campus = "LP-901";
    TestPki pki = TestPki.write(dir, "gw-" + campus);
    BcryptPasswords passwords = new BcryptPasswords(new SecureRandom(), 4);
    List<BrokerCredential> credentials = CountyBrokerFiles.generate(List.of(campus), List.of("hub"), passwords);
    CountyBrokerFiles.write(dir.resolve("accounts"), credentials, CountyTopicPolicy.standard(), passwords, Optional.empty());
    String dbUrl = freshDatabase();
    HubConfig hubConfig = new ConfigLoader().parse(String.join("\n",
        "http: { host: 127.0.0.1, port: 0 }",
        "database: { url: \"" + dbUrl + "\", user: \"" + TestServices.pgUser() + "\" }",
        "influx: { url: \"" + TestServices.influxUrl() + "\", database: \"" + TestServices.influxDb() + "\" }",
        "mqtt: { user: hub, password: \"" + password(credentials, "hub") + "\" }",
        "embedded: { dataDir: \"" + dir.resolve("hub") + "\", brokerPort: 0, brokerAccounts: \""
            + dir.resolve("accounts").resolve(CountyBrokerFiles.ACCOUNTS) + "\",",
        "  brokerTls: { bindAddress: 127.0.0.1, port: 0, certFile: \"" + pki.file("broker.pem") + "\", keyFile: \""
            + pki.file("broker.key") + "\", caFile: \"" + pki.file("ca.pem") + "\", clientAuth: optional } }", ""),
        "CG_TEST_HUB", Map.of(), HubConfig.class);
    Hub hub = Hub.start(hubConfig).await(2, TimeUnit.MINUTES);
    Vertx vertx = Vertx.vertx();
    try {
      GatewayConfig gatewayConfig = new ConfigLoader().parse(String.join("\n",
          "campus: " + campus,
          "embeddedBroker: { port: 0, dataDir: \"" + dir.resolve("gw-broker") + "\" }",
          "countyBroker: { url: \"ssl://localhost:" + hub.embeddedBrokerTlsPort() + "\", username: gw-" + campus
              + ", password: \"" + password(credentials, "gw-" + campus) + "\",",
          "  tls: { caFile: \"" + pki.file("ca.pem") + "\", certFile: \"" + pki.file("gw-" + campus + ".pem") + "\", keyFile: \""
              + pki.file("gw-" + campus + ".key") + "\" } }",
          "outbox: { file: \"" + dir.resolve("outbox.db") + "\" }",
          "http: { port: 0 }", ""), GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
      GatewayVerticle gateway = new GatewayVerticle(gatewayConfig, RulesHook.PASS_THROUGH, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      vertx.deployVerticle(gateway).await(2, TimeUnit.MINUTES);

      // Some series appear only once the gateway's heartbeats are in (the campus's link gauge, refreshed every 5 s):
      // the whole check is retried until it holds, within a minute.
      Set<String> checked = new TreeSet<>();
      List<Series> exported = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        exported.clear();
        exported.addAll(scrape(hub.httpPort()));
        exported.addAll(scrape(gateway.httpPort()));
        for (var alert : AlertingRules.alerts()) {
          String name = alert.path("alert").asText();
          List<AlertingRules.Selector> selectors = AlertingRules.selectors(alert.path("expr").asText());
          assertThat(selectors).as(name + ": its expression names a metric").isNotEmpty();
          for (AlertingRules.Selector s : selectors) {
            if (PROMETHEUS_OWN.contains(s.metric())) {
              continue;
            }
            checked.add(s.metric());
            assertThat(exported).as(name + ": " + s + " is exported by the hub or the gateway").anyMatch(e -> e.name().equals(s.metric())
                && e.labels().entrySet().containsAll(s.equal().entrySet()) && e.labels().keySet().containsAll(s.matched()));
          }
        }
        // Waited for too: the gauge exists from the campus's registration, and is 1 only once a heartbeat is in.
        assertThat(exported).anyMatch(e -> e.name().equals("cg_campus_link_up") && campus.equals(e.labels().get("campus")) && e.value() == 1.0);
      });
      // control: the rules were really read, and a name nobody exports would not have passed
      assertThat(checked).contains("cg_outbox_depth", "cg_dependency_up", "cg_tls_certificate_expiry_seconds", "cg_campus_link_up");
      assertThat(exported).noneMatch(e -> e.name().equals("cg_outbox_depth_total"));
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
      hub.stop().await(60, TimeUnit.SECONDS);
      dropDatabase(dbUrl);
    }
  }

  private static void dropDatabase(String dbUrl) throws Exception {
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + dbUrl.substring(dbUrl.lastIndexOf('/') + 1) + " WITH (FORCE)");
    }
  }

  record Series(String name, Map<String, String> labels, double value) {}

  private List<Series> scrape(int port) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    List<Series> found = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      Matcher m = SERIES.matcher(line + " ");
      if (line.startsWith("#") || line.isBlank() || !m.lookingAt()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      String value = line.substring(m.end() - 1).trim().split(" ")[0];
      found.add(new Series(m.group(1), labels, Double.parseDouble(value)));
    }
    return found;
  }

  private static String freshDatabase() throws Exception {
    String db = "monitoring_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    String base = TestServices.pgUrl();
    return base.substring(0, base.lastIndexOf('/') + 1) + db;
  }

  private static String password(List<BrokerCredential> credentials, String username) {
    return credentials.stream().filter(c -> c.identity().username().equals(username)).findFirst().orElseThrow().password();
  }
}
