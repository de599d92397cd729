package io.campusguard.hub;

import io.campusguard.broker.BrokerSettings;
import io.campusguard.broker.EmbeddedMqttBroker;
import io.campusguard.broker.access.BrokerAccess;
import io.campusguard.hub.embedded.EmbeddedBrokerAccess;
import io.campusguard.hub.embedded.EmbeddedDatabase;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.hub.store.DatabaseConfig;
import io.campusguard.hub.monitoring.HubMonitoringMeters;
import io.campusguard.runtime.tls.CertificateInUse;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub process: its Vert.x, its embedded PostgreSQL and county broker when the config names none, and
 * the hub verticle. {@link #start} succeeds when the API is serving and the broker subscriptions are granted.
 */
public final class Hub {
  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
  /** Plaintext MQTT links, warned about at every start (a logger of its own, so it can be routed). */
  private static final Logger PLAINTEXT = LoggerFactory.getLogger("io.campusguard.security.plaintext");

  private final Vertx vertx;
  private final HubVerticle verticle;
  private final EmbeddedDatabase embeddedDb;
  private final EmbeddedMqttBroker embeddedBroker;

  private final DatabaseConfig database;

  private Hub(Vertx vertx, HubVerticle verticle, EmbeddedDatabase embeddedDb, EmbeddedMqttBroker embeddedBroker, DatabaseConfig database) {
    this.database = database;
    this.vertx = vertx;
    this.verticle = verticle;
    this.embeddedDb = embeddedDb;
    this.embeddedBroker = embeddedBroker;
  }

  /**
   * Starts the hub. Reads the embedded broker's accounts file, when configured, on the calling thread (a file
   * and one bcrypt check), so a bad one fails the start before anything runs: call it from a plain thread, never
   * an event loop.
   */
  public static Future<Hub> start(HubConfig config) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    config.mqtt().plaintextWarning().ifPresent(w -> PLAINTEXT.warn("hub: mqtt: {}", w));
    BrokerAccess brokerAccess;
    try {
      brokerAccess = config.mqtt().url() != null || config.embedded().brokerAccounts() == null
          ? null
          : EmbeddedBrokerAccess.load(config, metrics);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    try {
      bindCertificateGauges(config, metrics);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .build();
    Path dataDir = Path.of(config.embedded().dataDir());
    EmbeddedDatabase[] db = new EmbeddedDatabase[1];
    EmbeddedMqttBroker[] broker = new EmbeddedMqttBroker[1];

    Future<DatabaseConfig> database = config.database().url() != null
        ? Future.succeededFuture(config.database().toStore())
        : vertx.executeBlocking(() -> {
              db[0] = EmbeddedDatabase.start(dataDir.resolve("postgres"));
              return db[0].config();
            }, false);
    Future<Hub> started = database.compose(dbConfig -> {
      Future<String> brokerUrl;
      if (config.mqtt().url() != null) {
        brokerUrl = Future.succeededFuture(config.mqtt().url());
      } else {
        BrokerSettings settings = BrokerSettings.of(config.embedded().brokerPort(), dataDir.resolve("broker")).withAccess(brokerAccess)
            .withTls(config.embedded().brokerTls() == null ? null : config.embedded().brokerTls().toListener());
        broker[0] = new EmbeddedMqttBroker("county", settings, null);
        io.micrometer.core.instrument.FunctionCounter.builder("cg_broker_oversized_packets", broker[0], EmbeddedMqttBroker::oversizedPackets)
            .description("packets above the county broker's maximum size: refused, the client disconnected").register(metrics);
        brokerUrl = Future.fromCompletionStage(broker[0].start()).recover(e -> Future.failedFuture(
            // A TLS file found bad only at start ("tls.certFile: cannot read …") is still a bad config.
            e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).startsWith("tls.")
                ? new ConfigException("embedded.brokerTls", e.getMessage().substring("tls.".length())) : e)).map(b -> {
          if (b.tlsPort() != 0) {
            LOG.info("embedded county broker TLS listener on {}:{} for the gateways", config.embedded().brokerTls().bindAddress(), b.tlsPort());
          }
          if (brokerAccess == null) {
            LOG.info("embedded county broker at {} (plaintext on loopback: for the one-box demo only)", b.url());
          } else {
            LOG.info("embedded county broker at {} (plaintext on loopback; access control on: {} accounts from {})", b.url(),
                brokerAccess.accounts().accounts().size(), config.embedded().brokerAccounts());
          }
          return b.url();
        });
      }
      return brokerUrl.compose(url -> {
        HubVerticle verticle = new HubVerticle(config, dbConfig, config.mqtt().toClient(url), metrics, Clock.systemUTC());
        return vertx.deployVerticle(verticle).map(id -> new Hub(vertx, verticle, db[0], broker[0], dbConfig));
      });
    });
    // The outcome goes through a promise bound to no event loop, and a failed start is cleaned up from a thread of
    // its own: reported on the Vert.x being closed, the failure was rejected by its terminated event loop
    // ("RejectedExecutionException: event executor terminated") and the caller waited for ever.
    Promise<Hub> outcome = Promise.promise();
    started.onComplete(done -> {
      if (done.succeeded()) {
        outcome.complete(done.result());
        return;
      }
      Thread cleanup = new Thread(() -> stopAll(vertx, db[0], broker[0]).onComplete(x -> outcome.fail(done.cause())), "hub-start-failed");
      cleanup.setDaemon(true);
      cleanup.start();
    });
    return outcome.future();
  }

  /** Certificates the hub presents or trusts, as gauges of seconds left (reads the files: a plain thread). */
  private static void bindCertificateGauges(HubConfig config, PrometheusMeterRegistry metrics) {
    java.util.List<CertificateInUse> certificates = new java.util.ArrayList<>();
    if (config.embedded().brokerTls() != null) {
      certificates.addAll(certificatesOf("embedded.brokerTls", config.embedded().brokerTls().toListener().files()));
    }
    if (config.mqtt().tls() != null) {
      certificates.addAll(certificatesOf("mqtt.tls", config.mqtt().tls()));
    }
    HubMonitoringMeters.bindCertificates(metrics, certificates, Clock.systemUTC());
  }

  private static java.util.List<CertificateInUse> certificatesOf(String section, io.campusguard.runtime.tls.TlsFiles files) {
    try {
      return CertificateInUse.of(section, files);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(section, e.getMessage());
    }
  }

  /** A campus of the county's register: its id, Chinese name and town. */
  public record CampusInfo(String id, String name, String town) {}

  /** Registers (or renames) campuses, as the county's campus register lists them. */
  public Future<Void> registerCampuses(java.util.List<CampusInfo> campuses) {
    java.util.List<Future<Void>> all = new java.util.ArrayList<>();
    for (CampusInfo c : campuses) {
      all.add(verticle.campusStore().register(c.id(), c.name(), c.town()));
    }
    return Future.all(all).mapEmpty();
  }

  /** The administrator this start created (no user existed), with its generated password; else empty. */
  public java.util.Optional<io.campusguard.hub.auth.UserStore.Issued> firstAdministrator() {
    return verticle.firstAdministrator();
  }

  /**
   * Creates a console user, or re-issues an existing one, with a new generated password (ending its sessions):
   * the demo's users.
   */
  public Future<io.campusguard.hub.auth.UserStore.Issued> provisionUser(io.campusguard.hub.auth.User user) {
    return verticle.userStore().provision(user);
  }

  /** Stores an asset register in one transaction; returns how many assets. */
  public Future<Integer> importAssets(java.util.List<io.campusguard.devices.asset.Asset> assets) {
    return verticle.assetStore().upsert(assets);
  }

  public int httpPort() {
    return verticle.httpPort();
  }

  /** The embedded county broker's TLS port ({@code embedded.brokerTls}), or 0 without one. */
  public int embeddedBrokerTlsPort() {
    return embeddedBroker == null ? 0 : embeddedBroker.tlsPort();
  }

  /** The database this hub stores in: the configured one, or its embedded PostgreSQL (on a new port at each start). */
  public DatabaseConfig database() {
    return database;
  }

  /** The county broker's URL when it is the embedded one, else null. */
  public String embeddedBrokerUrl() {
    return embeddedBroker == null ? null : embeddedBroker.url();
  }

  public Future<Void> stop() {
    return stopAll(vertx, embeddedDb, embeddedBroker);
  }

  private static Future<Void> stopAll(Vertx vertx, EmbeddedDatabase db, EmbeddedMqttBroker broker) {
    return vertx.close()
        .eventually(() -> broker == null ? Future.succeededFuture() : Future.fromCompletionStage(broker.stop()))
        .eventually(() -> {
          if (db != null) {
            try {
              db.close();
            } catch (Exception e) {
              LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
            }
          }
          return Future.succeededFuture();
        });
  }
}
