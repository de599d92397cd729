package io.campusguard.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The upgrade path of a county's database: from the first schema, one released migration at a time, to the latest,
 * with rows written at each step as the hub of that version wrote them. Every row must survive every later step, and
 * the current hub must start on the result and serve it.
 */
@Timeout(300)
class MigrationPathTest {
  private static final String CAMPUS = "LP-M01";
  private static final String PASSWORD = "迁移-old-password-1";

  /**
   * Verifies that migrating an empty database step by step (V1, insert rows, each later version, latest) keeps every
   * row, and that the hub starts on it: the old alarms with their history, the old asset with its repair, and a user
   * made before users had roles signs in.
   */
  @Test
  void everyStepFromTheFirstSchemaKeepsTheRowsAndTheHubStarts() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      List<MigrationVersion> versions = resolvedVersions(db);
      assertThat(versions.get(0)).isEqualTo(MigrationVersion.fromVersion("1"));
      assertThat(versions).hasSizeGreaterThan(5);

      // given the first schema with the rows a hub of that version kept
      migrate(db, versions.get(0));
      sql(db,
          "INSERT INTO campuses (id, name, town) VALUES ('" + CAMPUS + "', '连平县第一小学', '元善镇')",
          "INSERT INTO devices (id, campus_id, kind, device_type, name) VALUES ('LP-M01-PB-01', '" + CAMPUS + "', 'panic', 'panic_button', '门卫室')",
          "INSERT INTO assets (id, campus_id, room, category, make, model, purchase_date, price) "
              + "VALUES ('LP-M01-TPC-01', '" + CAMPUS + "', '办公室1', 'teacher_pc', 'Lenovo', 'M430', '2019-09-01', 4800)",
          "INSERT INTO events (id, campus_id, seq, kind, priority, device_id, source_ts, gateway_ts, hub_ts, body) VALUES "
              + "('018f0000-0000-7000-8000-000000000001', '" + CAMPUS + "', 1, 'panic', 'P0', 'LP-M01-PB-01', "
              + "'2026-01-05T08:00:00Z', '2026-01-05T08:00:00.1Z', '2026-01-05T08:00:00.3Z', '{\"action\":\"pressed\"}')",
          "INSERT INTO campus_progress (campus_id, committed_up_to) VALUES ('" + CAMPUS + "', 1)",
          "INSERT INTO sequence_gaps (campus_id, from_seq, to_seq, detected_at) VALUES ('" + CAMPUS + "', 5, 7, '2026-01-05T08:01:00Z')",
          "INSERT INTO dead_letters (campus_id, topic, raw, field, reason, detail, received_at) "
              + "VALUES ('" + CAMPUS + "', 'county/LP-M01/events', '{not json', 'payload', 'NOT_JSON', 'bad', '2026-01-05T08:02:00Z')",
          "INSERT INTO alarms (id, campus_id, device_id, type, severity, state, detail, opened_at, opened_event_id, source_ts, "
              + "last_event_at, acked_at, acked_by, resolved_at, resolved_by, note) VALUES (1001, '" + CAMPUS + "', 'LP-M01-PB-01', "
              + "'panic', 'P0', 'resolved', 'panic button pressed', '2026-01-05T08:00:00.3Z', '018f0000-0000-7000-8000-000000000001', "
              + "'2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z', '2026-01-05T08:00:20Z', 'op-old', '2026-01-05T08:10:00Z', 'op-old', '学生误按')",
          "INSERT INTO alarm_history (alarm_id, action, actor, at, note) VALUES "
              + "(1001, 'opened', 'system', '2026-01-05T08:00:00.3Z', NULL), (1001, 'acknowledged', 'op-old', '2026-01-05T08:00:20Z', '门卫已核实'), "
              + "(1001, 'resolved', 'op-old', '2026-01-05T08:10:00Z', '学生误按')",
          "INSERT INTO alarms (id, campus_id, device_id, type, severity, state, opened_at, source_ts, last_event_at, acked_at, acked_by) "
              + "VALUES (1002, '" + CAMPUS + "', 'LP-M01-PB-01', 'panic_tamper', 'P0', 'acknowledged', '2026-01-06T09:00:00Z', "
              + "'2026-01-06T09:00:00Z', '2026-01-06T09:00:00Z', '2026-01-06T09:00:30Z', 'op-old')",
          "INSERT INTO alarm_history (alarm_id, action, actor, at) VALUES (1002, 'opened', 'system', '2026-01-06T09:00:00Z'), "
              + "(1002, 'acknowledged', 'op-old', '2026-01-06T09:00:30Z')",
          "SELECT setval('alarms_id_seq', 1002)",
          "INSERT INTO users (id, display_name, role, password_hash) VALUES ('op-old', '老值班员', 'operator', '"
              + new BcryptPasswords().hash(PASSWORD) + "')",
          "INSERT INTO audit_log (at, actor, action, target) VALUES ('2026-01-05T08:10:00Z', 'op-old', 'alarm.resolve', 'alarm/1001')",
          "INSERT INTO changes (at, kind, campus_id, payload) VALUES ('2026-01-05T08:10:00Z', 'alarm', '" + CAMPUS + "', '{\"id\":1001}')",
          "INSERT INTO webhook_deliveries (alarm_id, idempotency_key, url, payload, attempts, status, next_attempt_at, delivered_at) "
              + "VALUES (1001, 'alarm-1001-opened', 'https://city.example/alarms', '{\"id\":1001}', 1, 'delivered', '2026-01-05T08:00:01Z', '2026-01-05T08:00:01Z')",
          "INSERT INTO ts_points (measurement, campus_id, device_id, field, ts, value) "
              + "VALUES ('canteen', '" + CAMPUS + "', 'LP-M01-CS-01', 'cold_store_temperature', '2026-01-05T08:00:00Z', 3.5)");
      Map<String, Long> rows = counts(db);

      // when each later migration runs in turn, rows of the tables it brings are added as that hub would
      for (MigrationVersion v : versions.subList(1, versions.size())) {
        migrate(db, v);
        assertThat(counts(db)).as("rows after V%s", v).containsAllEntriesOf(rows);
        switch (v.getVersion()) {
          case "10" -> sql(db,
              "INSERT INTO replacement_entries (asset_id, state, updated_at, updated_by) VALUES ('LP-M01-TPC-01', 'approved', '2026-02-01T00:00:00Z', 'it-old')",
              "INSERT INTO replacement_history (asset_id, from_state, to_state, by_user, at) "
                  + "VALUES ('LP-M01-TPC-01', 'candidate', 'approved', 'it-old', '2026-02-01T00:00:00Z')");
          case "20" -> sql(db,
              "INSERT INTO panic_test_windows (campus_id, starts_at, ends_at, started_by) VALUES ('" + CAMPUS + "', '2026-03-01T01:00:00Z', '2026-03-01T02:00:00Z', 'op-old')",
              "INSERT INTO panic_tests (event_id, campus_id, device_id, pressed_at, quarter) "
                  + "VALUES ('018f0000-0000-7000-8000-000000000002', '" + CAMPUS + "', 'LP-M01-PB-01', '2026-03-01T01:10:00Z', '2026-Q1')");
          case "41" -> sql(db,
              "INSERT INTO asset_repairs (asset_id, repaired_on, note, cost, recorded_by, recorded_at) "
                  + "VALUES ('LP-M01-TPC-01', '2026-04-01', '更换电源', 350.50, 'it-old', '2026-04-01T03:00:00Z')");
          case "70" -> sql(db,
              "INSERT INTO security_events (kind, campus_id, detail, evidence, first_at, last_at) "
                  + "VALUES ('campus_mismatch', '" + CAMPUS + "', 'LP-X in a batch of LP-M01', 'campus_mismatch:LP-M01:LP-X', '2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z')");
          default -> { }
        }
        rows = counts(db);
      }
      // and Flyway, as the hub runs it, finds nothing left to do
      assertThat(Database.migrate(db.config()).migrationsExecuted).isZero();

      // then the rows are all there, the old stream counted as the outbox-less one (V80)
      assertThat(rows.get("events")).isEqualTo(1);
      assertThat(db.count("SELECT count(*) FROM events WHERE outbox_id = '' AND body::text LIKE '%pressed%'")).isEqualTo(1);
      assertThat(db.count("SELECT committed_up_to FROM campus_progress WHERE campus_id = '" + CAMPUS + "' AND outbox_id = ''")).isEqualTo(1);
      assertThat(rows).containsEntry("asset_repairs", 1L).containsEntry("replacement_entries", 1L).containsEntry("security_events", 1L);

      // and the hub of today starts on it and serves what the old hubs kept
      try (TestHub hub = new TestHub(db.config(), "m" + Long.toHexString(System.nanoTime()), Duration.ofMinutes(10))) {
        HubHttp http = new HubHttp(hub);
        JsonObject resolved = json(http.get("/api/alarms/1001"));
        assertThat(resolved.getString("state")).isEqualTo("resolved");
        assertThat(resolved.getString("resolvedBy")).isEqualTo("op-old");
        JsonArray history = resolved.getJsonArray("history");
        assertThat(history.stream().map(h -> ((JsonObject) h).getString("action")).toList())
            .containsExactly("opened", "acknowledged", "resolved");
        assertThat(history.getJsonObject(2).getString("note")).isEqualTo("学生误按");
        assertThat(json(http.get("/api/alarms/1002")).getString("state")).isEqualTo("acknowledged");
        assertThat(json(http.get("/api/alarms?campus=" + CAMPUS)).getJsonArray("alarms")).hasSize(2);

        JsonObject asset = json(http.get("/api/assets/LP-M01-TPC-01?lang=en"));
        assertThat(asset.getJsonObject("asset").getString("price")).isEqualTo("4800.00");
        assertThat(asset.getJsonArray("repairs")).hasSize(1);
        assertThat(json(http.get("/api/campuses/" + CAMPUS)).getString("name")).isEqualTo("连平县第一小学");

        // a user made before roles were checked (V50) still signs in; control: a wrong password does not
        assertThat(http.login("op-old", PASSWORD).cookie()).isNotBlank();
        assertThat(http.loginResponse("op-old", PASSWORD + "x").statusCode()).isEqualTo(401);
      }
    }
  }

  static List<MigrationVersion> resolvedVersions(TestDatabase db) {
    List<MigrationVersion> out = new ArrayList<>();
    for (MigrationInfo m : flyway(db, MigrationVersion.LATEST).info().all()) {
      out.add(m.getVersion());
    }
    return out;
  }

  static Flyway flyway(TestDatabase db, MigrationVersion target) {
    return Flyway.configure().dataSource(db.config().jdbcUrl(), db.config().user(), db.config().password())
        .locations(Database.MIGRATIONS).target(target).load();
  }

  private static void migrate(TestDatabase db, MigrationVersion target) {
    flyway(db, target).migrate();
    assertThat(flyway(db, target).info().current().getVersion()).isEqualTo(target);
  }

  private static final List<String> TABLES = List.of("campuses", "devices", "assets", "events", "campus_progress",
      "sequence_gaps", "dead_letters", "alarms", "alarm_history", "users", "audit_log", "changes", "webhook_deliveries",
      "ts_points", "replacement_entries", "replacement_history", "panic_test_windows", "panic_tests", "asset_repairs",
      "security_events");

  /** Row counts of the tables that exist at the database's current version. */
  private static Map<String, Long> counts(TestDatabase db) {
    Map<String, Long> out = new TreeMap<>();
    for (String table : TABLES) {
      if (db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '" + table + "'") == 1) {
        out.put(table, db.count("SELECT count(*) FROM " + table));
      }
    }
    return out;
  }

  private static void sql(TestDatabase db, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.config().jdbcUrl(), db.config().user(), db.config().password());
        Statement s = c.createStatement()) {
      for (String statement : Arrays.asList(statements)) {
        s.execute(statement);
      }
    }
  }

  private static JsonObject json(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }
}
