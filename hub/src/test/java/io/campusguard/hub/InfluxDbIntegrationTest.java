package io.campusguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.testing.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Point;
import org.influxdb.dto.Pong;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real InfluxDB 1.x started by scripts/test.sh: line protocol write, InfluxQL read. */
@Timeout(60)
class InfluxDbIntegrationTest {

    private static final String MEASUREMENT = "itest_canteen_temperature";
    private static final int POINTS = 500;

    private InfluxDB influx;

    @BeforeEach
    void connect() {
        influx = InfluxDBFactory.connect(TestServices.influxUrl());
        influx.setDatabase(TestServices.influxDb());
    }

    @AfterEach
    void close() {
        influx.close();
    }

    /** Verifies that a batch of points written with a unique tag can be counted and summed back. */
    @Test
    void batchWrittenIsQueriedBack() {
        // given the server answers
        Pong pong = influx.ping();
        assertThat(pong.isGood()).isTrue();

        // when one batch of points tagged with this run's id is written
        String run = UUID.randomUUID().toString();
        long start = System.currentTimeMillis() - POINTS;
        BatchPoints.Builder batch = BatchPoints.database(TestServices.influxDb()).tag("run", run);
        for (int i = 0; i < POINTS; i++) {
            batch.point(Point.measurement(MEASUREMENT)
                    .time(start + i, TimeUnit.MILLISECONDS)
                    .tag("device", "LP-017-CT-" + (i % 5))
                    .addField("celsius", (double) i)
                    .build());
        }
        influx.write(batch.build());

        // then all of them, and only them, come back (a count can be short for a few hundred ms)
        Query count = tagged("SELECT count(celsius), sum(celsius) FROM " + MEASUREMENT + " WHERE run = $run", run);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            List<Object> row = singleRow(influx.query(count));
            assertThat(((Number) row.get(1)).longValue()).isEqualTo(POINTS);
            assertThat(((Number) row.get(2)).doubleValue()).isEqualTo(POINTS * (POINTS - 1) / 2.0);
        });
        Query lastOfOneDevice = tagged(
                "SELECT last(celsius) FROM " + MEASUREMENT + " WHERE run = $run AND device = 'LP-017-CT-3'", run);
        assertThat(((Number) singleRow(influx.query(lastOfOneDevice)).get(1)).doubleValue()).isEqualTo(498.0);

        // control: another run's tag matches nothing
        QueryResult other = influx.query(tagged("SELECT count(celsius) FROM " + MEASUREMENT + " WHERE run = $run",
                UUID.randomUUID().toString()));
        assertThat(other.hasError()).isFalse();
        assertThat(other.getResults().get(0).getSeries()).isNullOrEmpty();
    }

    private static Query tagged(String influxQl, String run) {
        return BoundParameterQuery.QueryBuilder.newQuery(influxQl)
                .forDatabase(TestServices.influxDb())
                .bind("run", run)
                .create();
    }

    private static List<Object> singleRow(QueryResult result) {
        assertThat(result.hasError()).as("query error: %s", result.getError()).isFalse();
        QueryResult.Result first = result.getResults().get(0);
        assertThat(first.hasError()).as("query error: %s", first.getError()).isFalse();
        assertThat(first.getSeries()).as("series").isNotNull().hasSize(1);
        List<List<Object>> values = first.getSeries().get(0).getValues();
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
