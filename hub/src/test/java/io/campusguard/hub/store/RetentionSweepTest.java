package io.campusguard.hub.store;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retention against the real PostgreSQL: old rows of the four growing tables go, newer ones stay, and each is counted. */
@Timeout(120)
class RetentionSweepTest {
  private static TestDatabase db;
  private static Vertx vertx;
  private static Database database;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    vertx = Vertx.vertx();
    database = await(Database.start(vertx, db.config()));
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      await(database.close());
    }
    await(vertx.close());
    db.close();
  }

  /** Verifies that each table keeps exactly what is younger than its retention, and the counts are reported and exported. */
  @Test
  void oldRowsAreDeletedAndCounted() {
    for (String age : new String[] {"'10 days'", "'2 days'", "'1 hour'"}) {
      db.update("INSERT INTO changes (at, kind, campus_id, payload) VALUES (now() - interval " + age + ", 'campus', 'LP-1', '{}')");
      db.update("INSERT INTO audit_log (at, actor, action, target) VALUES (now() - interval " + age + ", 'a', 'login', 'user/a')");
      db.update("INSERT INTO dead_letters (topic, raw, field, reason, detail, received_at) VALUES ('t', 'r', 'f', 'x', 'd', now() - interval "
          + age + ")");
      db.update("INSERT INTO security_events (kind, detail, evidence, first_at, last_at) VALUES ('k', 'd', 'e" + age.length()
          + age.charAt(1) + "', now() - interval " + age + ", now() - interval " + age + ")");
    }
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RetentionSweep sweep = new RetentionSweep(database.pool(), Duration.ofDays(1), Duration.ofDays(5), Duration.ofDays(3), null, metrics);

    Map<String, Long> pruned = await(sweep.prune(Instant.now()));

    assertThat(pruned).containsEntry("changes", 2L).containsEntry("dead_letters", 1L).containsEntry("audit_log", 1L)
        .doesNotContainKey("security_events");
    assertThat(db.count("SELECT count(*) FROM changes")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM dead_letters")).isEqualTo(2);
    assertThat(db.count("SELECT count(*) FROM audit_log")).isEqualTo(2);
    assertThat(db.count("SELECT count(*) FROM security_events")).as("no retention set: kept whole").isEqualTo(3);
    assertThat(metrics.scrape()).contains("cg_retention_pruned_total{table=\"changes\"} 2.0");
    // control: a second run finds nothing more
    assertThat(await(sweep.prune(Instant.now())).values()).containsOnly(0L);
  }
}
