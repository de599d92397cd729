package io.campusguard.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.TestDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hub's two PostgreSQL pools under metrics, as HubMain runs them. */
@Timeout(60)
class DatabasePoolMetricsTest {
  /**
   * Verifies that each pool has its own metrics, under its own name: under one default name the second pool's
   * gauges collided with the first's, and Micrometer warned "This Gauge has been already registered" at every start.
   */
  @Test
  void eachPoolIsMeasuredUnderItsOwnName() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    try (TestDatabase db = new TestDatabase()) {
      Database database = Database.start(vertx, db.config()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      database.pool().query("SELECT 1").execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(registry.getMeters().stream().filter(m -> m.getId().getName().equals("vertx.pool.queue.pending"))
          .filter(m -> "sql".equals(m.getId().getTag("pool_type")))
          .map(Meter::getId).map(id -> id.getTag("pool_name")).toList())
          .containsExactlyInAnyOrder(Database.MAIN_POOL, Database.ALARM_POOL);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }
}
