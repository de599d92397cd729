package io.campusguard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real PostgreSQL 15 started by scripts/test.sh: Flyway migration and an idempotent upsert. */
@Timeout(60)
class PostgresIntegrationTest {

    private static final String UPSERT = """
            INSERT INTO device_probe (device_id, state, seen_at) VALUES (?, ?, ?)
            ON CONFLICT (device_id) DO UPDATE
               SET state = EXCLUDED.state, seen_at = EXCLUDED.seen_at, updates = device_probe.updates + 1
            """;

    /** A schema per run, so the test never meets the hub's own migrations or another run's tables. */
    private final String schema = "itest_" + UUID.randomUUID().toString().replace("-", "");

    private Connection connection;

    @BeforeEach
    void migrate() throws SQLException {
        MigrateResult result = flyway().migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(result.targetSchemaVersion).isEqualTo("1");

        connection = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        connection.setSchema(schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (connection != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            } finally {
                connection.close();
            }
        }
    }

    /** Verifies that migrating again is a no-op: the schema history records version 1 once. */
    @Test
    void secondMigrateAppliesNothing() {
        MigrateResult again = flyway().migrate();

        assertThat(again.migrationsExecuted).isZero();
        assertThat(again.initialSchemaVersion).isEqualTo("1");
    }

    /** Verifies that upserting one device twice keeps one row holding the second state. */
    @Test
    void upsertTwiceYieldsOneUpdatedRow() throws SQLException {
        OffsetDateTime first = OffsetDateTime.of(2026, 11, 28, 8, 15, 0, 123_456_000, ZoneOffset.UTC);
        OffsetDateTime second = OffsetDateTime.of(2026, 11, 28, 9, 30, 5, 0, ZoneOffset.ofHours(8));

        assertThat(upsert("LP-017-PB-03", "online", first)).isEqualTo(1);
        assertThat(upsert("LP-017-PB-03", "alarm", second)).isEqualTo(1);
        // control: another device is its own row
        assertThat(upsert("LP-017-PB-04", "online", first)).isEqualTo(1);

        try (PreparedStatement query = connection.prepareStatement(
                "SELECT state, seen_at, updates, (SELECT count(*) FROM device_probe) AS total"
                        + " FROM device_probe WHERE device_id = ?")) {
            query.setString(1, "LP-017-PB-03");
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("state")).isEqualTo("alarm");
                assertThat(row.getObject("seen_at", OffsetDateTime.class)).isAtSameInstantAs(second);
                assertThat(row.getInt("updates")).isEqualTo(2);
                assertThat(row.getLong("total")).isEqualTo(2);
                assertThat(row.next()).isFalse();
            }
        }
    }

    private int upsert(String deviceId, String state, OffsetDateTime seenAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setString(1, deviceId);
            statement.setString(2, state);
            statement.setObject(3, seenAt);
            return statement.executeUpdate();
        }
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword())
                .schemas(schema)
                .locations("classpath:db/itest")
                .load();
    }
}
