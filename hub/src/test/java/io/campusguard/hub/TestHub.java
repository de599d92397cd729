package io.campusguard.hub;

import io.campusguard.hub.ingest.MqttConfig;
import io.campusguard.hub.store.DatabaseConfig;
import io.campusguard.testing.TestServices;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** One hub instance on the test run's Mosquitto and a given database; HTTP on a free port. */
public final class TestHub implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HubVerticle verticle;

  public TestHub(DatabaseConfig database, String sharedGroup, Duration reportingTime) {
    this(database, sharedGroup, reportingTime, null);
  }

  /** With {@code influx} null, time series go to PostgreSQL. */
  public TestHub(DatabaseConfig database, String sharedGroup, Duration reportingTime, HubConfig.Influx influx) {
    this(database, sharedGroup, reportingTime, influx, null);
  }

  public TestHub(DatabaseConfig database, String sharedGroup, Duration reportingTime, HubConfig.Influx influx, HubConfig.Webhook webhook) {
    this(database, sharedGroup, reportingTime, influx, webhook, Clock.systemUTC());
  }

  /** On {@code clock}, e.g. one set back to the time a recorded stream was made, so its timestamps are current. */
  public TestHub(DatabaseConfig database, String sharedGroup, Duration reportingTime, HubConfig.Influx influx, HubConfig.Webhook webhook,
      Clock clock) {
    this(database, sharedGroup, reportingTime, influx, webhook, clock, new HubConfig.Http("127.0.0.1", 0));
  }

  /** With these HTTP settings (their host and port are the caller's: use 127.0.0.1 and 0). */
  public TestHub(DatabaseConfig database, String sharedGroup, HubConfig.Http http) {
    this(database, sharedGroup, Duration.ofSeconds(20), null, null, Clock.systemUTC(), http);
  }

  private TestHub(DatabaseConfig database, String sharedGroup, Duration reportingTime, HubConfig.Influx influx, HubConfig.Webhook webhook,
      Clock clock, HubConfig.Http http) {
    HubConfig config = new HubConfig(null, null, http, null,
        new HubConfig.Supervision(reportingTime, Duration.ofMillis(100)), influx, null, webhook);
    MqttConfig mqtt = new MqttConfig(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(),
        "hub-" + UUID.randomUUID().toString().substring(0, 8), sharedGroup, MqttConfig.DEFAULT_RECEIVE_MAXIMUM);
    verticle = new HubVerticle(config, database, mqtt, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock);
    Futures.await(vertx.deployVerticle(verticle));
  }

  /** With a whole config (its http section is replaced by loopback, port 0). */
  public TestHub(DatabaseConfig database, String sharedGroup, HubConfig config) {
    HubConfig loopback = new HubConfig(config.database(), config.mqtt(), new HubConfig.Http("127.0.0.1", 0), config.alarms(), config.supervision(),
        config.influx(), config.embedded(), config.webhook(), config.notifications(), config.video());
    MqttConfig mqtt = new MqttConfig(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(),
        "hub-" + UUID.randomUUID().toString().substring(0, 8), sharedGroup, MqttConfig.DEFAULT_RECEIVE_MAXIMUM);
    verticle = new HubVerticle(loopback, database, mqtt, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC());
    Futures.await(vertx.deployVerticle(verticle));
  }

  public TestHub(DatabaseConfig database, String sharedGroup) {
    this(database, sharedGroup, Duration.ofSeconds(20));
  }

  public int httpPort() {
    return verticle.httpPort();
  }

  public HubVerticle verticle() {
    return verticle;
  }

  @Override
  public void close() {
    Futures.await(vertx.close());
  }
}
