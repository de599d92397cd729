package io.campusguard.hub.store;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.asset.AssetCategory;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.replacement.DeviceHealth;
import io.campusguard.hub.replacement.QueueEntry;
import io.campusguard.hub.replacement.ReplacementState;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The asset register and replacement workflow against the real PostgreSQL. */
@Timeout(120)
class AssetStoreTest {
  private static TestDatabase db;
  private static Vertx vertx;
  private static Database database;
  private static AssetStore store;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    vertx = Vertx.vertx();
    database = await(Database.start(vertx, db.config()));
    store = new AssetStore(database.pool());
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      await(database.close());
    }
    await(vertx.close());
    db.close();
  }

  private static Asset pc(String id, String campus, LocalDate bought) {
    return new Asset(id, campus, "办公室1", AssetCategory.TEACHER_PC, "Lenovo", "M430", bought, new BigDecimal("4800.00"), null);
  }

  /** Verifies that 10,000 assets go in at once, again as an update, and filter by campus, category and town. */
  @Test
  void upsertsTenThousandAndFilters() {
    List<Asset> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(pc(String.format("LP-2%02d-TPC-%04d", i % 3, i), "LP-2" + String.format("%02d", i % 3), LocalDate.of(2015, 1, 1).plusDays(i % 900)));
    }
    await(new CampusStore(database.pool()).register("LP-201", "上坪中学", "上坪镇"));

    assertThat(await(store.upsert(many))).isEqualTo(10_000);
    assertThat(await(store.upsert(many.subList(0, 10)))).isEqualTo(10);

    assertThat(db.count("SELECT count(*) FROM assets WHERE id LIKE 'LP-2%'")).isEqualTo(10_000);
    assertThat(await(store.list("LP-201", AssetCategory.TEACHER_PC, null))).hasSize(3_333);
    assertThat(await(store.list(null, null, "上坪镇"))).hasSize(3_333).allSatisfy(l -> assertThat(l.campusName()).isEqualTo("上坪中学"));
    assertThat(await(store.list("LP-201", AssetCategory.CAMERA, null))).isEmpty();
  }

  /** Verifies that health comes from the latest classroom report and the device's alarms. */
  @Test
  void healthFromTelemetry() {
    Instant now = Instant.parse("2026-11-28T08:00:00Z");
    db.update("INSERT INTO devices (id, campus_id, kind, last_seen_at) VALUES ('LP-300-TPC-1', 'LP-300', 'classroom', '2026-11-18T08:00:00Z')");
    db.update("INSERT INTO events (id, campus_id, seq, kind, priority, device_id, source_ts, gateway_ts, hub_ts, body) VALUES "
        + "('019ac9a2-1b2c-7d3e-8f40-000000000001', 'LP-300', 1, 'classroom', 'P3', 'LP-300-TPC-1', '2026-11-01T08:00:00Z', '2026-11-01T08:00:00Z', '2026-11-01T08:00:00Z',"
        + " '{\"deviceType\":\"teacher_pc\",\"powerOnHours\":100,\"diskHealth\":90,\"bootFailures\":0}'),"
        + "('019ac9a2-1b2c-7d3e-8f40-000000000002', 'LP-300', 2, 'classroom', 'P3', 'LP-300-TPC-1', '2026-11-10T08:00:00Z', '2026-11-10T08:00:00Z', '2026-11-10T08:00:00Z',"
        + " '{\"deviceType\":\"teacher_pc\",\"powerOnHours\":9000,\"diskHealth\":31,\"bootFailures\":4,\"crashes\":2,\"temperature\":51.5}')");
    db.update("INSERT INTO alarms (campus_id, device_id, type, severity, state, opened_at, source_ts, last_event_at) VALUES "
        + "('LP-300', 'LP-300-TPC-1', 'device_overheat', 'P1', 'open', now(), now(), now()),"
        + "('LP-300', 'LP-300-TPC-1', 'device_offline', 'P1', 'resolved', now(), now(), now())");

    Map<String, DeviceHealth> health = await(store.health(now));

    assertThat(health.get("LP-300-TPC-1")).isEqualTo(new DeviceHealth(9000L, null, null, 31, 4, 2, 51.5, 10, 1, 1, 0));
  }

  /** Verifies the workflow in the database: steps with who, history kept, an illegal step refused. */
  @Test
  void workflowStepsAreKept() {
    await(store.upsert(List.of(pc("LP-400-TPC-1", "LP-400", LocalDate.of(2014, 5, 1)))));
    Instant t = Instant.parse("2026-11-28T08:00:00Z");

    await(store.move("LP-400-TPC-1", ReplacementState.APPROVED, "it-wang", t, "2026 budget"));
    QueueEntry ordered = await(store.move("LP-400-TPC-1", ReplacementState.ORDERED, "it-li", t.plusSeconds(60), null));

    assertThat(ordered.state()).isEqualTo(ReplacementState.ORDERED);
    QueueEntry stored = await(store.entries()).get("LP-400-TPC-1");
    assertThat(stored.history()).extracting(QueueEntry.Step::by).containsExactly("it-wang", "it-li");
    assertThat(stored.history().get(0).note()).isEqualTo("2026 budget");
    assertThatThrownBy(() -> await(store.move("LP-400-TPC-1", ReplacementState.RETIRED, "it-li", t, null)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ORDERED to RETIRED");
    assertThatThrownBy(() -> await(store.move("NOPE", ReplacementState.APPROVED, "it-li", t, null)))
        .isInstanceOf(java.util.NoSuchElementException.class);
  }
}
