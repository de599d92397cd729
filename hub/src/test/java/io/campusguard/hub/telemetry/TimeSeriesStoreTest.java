package io.campusguard.hub.telemetry;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.store.Database;
import io.campusguard.testing.TestServices;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The same contract on both time-series stores: the real InfluxDB 1.6 and the real PostgreSQL. */
@Timeout(60)
class TimeSeriesStoreTest {
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
    await(database.close());
    await(vertx.close());
    db.close();
  }

  /** Verifies that InfluxDB returns a cold store's last 24 h, and not older points or other devices. */
  @Test
  void influxLastDayOfOneDevice() {
    TimeSeriesStore influx = new InfluxTimeSeriesStore(vertx, TestServices.influxUrl(), TestServices.influxDb(), null, null);
    try {
      lastDayOfOneDevice(influx);
    } finally {
      await(influx.close());
    }
  }

  /** Verifies the same against the PostgreSQL fallback. */
  @Test
  void postgresLastDayOfOneDevice() {
    lastDayOfOneDevice(new PostgresTimeSeriesStore(database.pool()));
  }

  /** Verifies that events become the expected samples. */
  @Test
  void eventsBecomeSamples() {
    var reading = TestEvents.reading("LP-701", "LP-701-CS-01", 1, 4.5);
    assertThat(TelemetryRecorder.samplesOf(reading)).singleElement().satisfies(s -> {
      assertThat(s.measurement()).isEqualTo(Measurement.CANTEEN);
      assertThat(s.quantity()).isEqualTo("cold_store_temperature");
      assertThat(s.value()).isEqualTo(4.5);
    });
    assertThat(TelemetryRecorder.samplesOf(TestEvents.panic("LP-701", "LP-701-PB-01", 2))).isEmpty();
  }

  private static void lastDayOfOneDevice(TimeSeriesStore store) {
    String device = "CS-" + UUID.randomUUID().toString().substring(0, 8);
    String quantity = "cold_store_temperature";
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      samples.add(new Sample(Measurement.CANTEEN, "LP-701", device, quantity, now.minusSeconds(60L * i), 2 + (i % 5)));
    }
    // older than a day, and another device: neither may come back
    samples.add(new Sample(Measurement.CANTEEN, "LP-701", device, quantity, now.minus(Duration.ofHours(30)), 99));
    samples.add(new Sample(Measurement.CANTEEN, "LP-701", device + "x", quantity, now, 77));

    await(store.write(samples));

    Instant since = now.minus(Duration.ofHours(24));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      List<Sample> back = await(store.query(Measurement.CANTEEN, device, quantity, since));
      assertThat(back).hasSize(1000);
      assertThat(back).extracting(Sample::ts).isSorted();
      assertThat(back.get(back.size() - 1).ts()).isEqualTo(now);
      assertThat(back).noneMatch(s -> s.value() >= 77);
    });
  }

}
