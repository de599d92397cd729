package io.campusguard.hub.telemetry;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.store.Database;
import io.campusguard.hub.supervision.LinkSupervisor;
import io.campusguard.hub.supervision.PathLatency;
import io.campusguard.hub.supervision.PathSeries;
import io.campusguard.testing.TestServices;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * Verifies that values of every size come back from InfluxDB exactly as written, including those Java prints with
   * an exponent, negative ones and whole numbers (the hub writes the line protocol itself).
   */
  @Test
  void influxKeepsEveryValueExactly() {
    TimeSeriesStore influx = new InfluxTimeSeriesStore(vertx, TestServices.influxUrl(), TestServices.influxDb(), null, null);
    try {
      String device = "CS-" + UUID.randomUUID().toString().substring(0, 8);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      double[] values = {4.5, -18.25, 0.0, 3.0, 1.0E-7, 123456789012.5, 2.5E20, -7.0E-12, 0.1};
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        samples.add(new Sample(Measurement.CANTEEN, "LP-702", device, "freezer_temperature", now.minusSeconds(i), values[i]));
      }

      await(influx.write(samples));

      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
        List<Sample> back = await(influx.query(Measurement.CANTEEN, device, "freezer_temperature", now.minusSeconds(60)));
        assertThat(back).hasSize(values.length);
        assertThat(back).allSatisfy(s -> assertThat(s.campus()).isEqualTo("LP-702"));
        for (Sample s : back) {
          int i = (int) Duration.between(s.ts(), now).toSeconds();
          assertThat(s.value()).as("value %d", i).isEqualTo(values[i]);
        }
      });
    } finally {
      await(influx.close());
    }
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

  /** Verifies that InfluxDB gives back one campus's last 24 h of path quality, not older points nor other campuses. */
  @Test
  void influxPathQualityOfOneCampus() {
    TimeSeriesStore influx = new InfluxTimeSeriesStore(vertx, TestServices.influxUrl(), TestServices.influxDb(), null, null);
    try {
      pathQualityOfOneCampus(influx);
    } finally {
      await(influx.close());
    }
  }

  /** Verifies the same against the PostgreSQL fallback. */
  @Test
  void postgresPathQualityOfOneCampus() {
    pathQualityOfOneCampus(new PostgresTimeSeriesStore(database.pool()));
  }

  private static void pathQualityOfOneCampus(TimeSeriesStore store) {
    String campus = "LP-" + UUID.randomUUID().toString().substring(0, 6);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    PathLatency latency = new PathLatency();
    LinkSupervisor links = new LinkSupervisor(Duration.ofSeconds(20));
    List<Sample> written = new ArrayList<>();
    PathSeries series = new PathSeries(latency, links, written::addAll);
    // 24 h at one interval per 10 minutes, ending now, plus one interval 30 h ago
    Instant start = now.minus(Duration.ofHours(30));
    links.watch(campus, start);
    links.onStatus(heartbeat(campus), start);
    latency.record(campus, 999);
    series.sample(start.plusSeconds(1));
    for (int i = 143; i >= 0; i--) {
      Instant at = now.minus(Duration.ofMinutes(10L * i));
      links.onStatus(heartbeat(campus), at);
      latency.record(campus, 20 + i % 7);
      latency.record(campus, 300);
      series.sample(at);
    }
    written.add(new Sample(Measurement.PATH_LATENCY, "LP-OTHER", "LP-OTHER", PathSeries.P99, now, 7));
    await(store.write(written));

    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      PathSeries.History h = await(PathSeries.history(store, campus, now.minus(Duration.ofHours(24))));
      assertThat(h.p50Ms()).hasSize(144).extracting(Sample::ts).isSorted();
      assertThat(h.p99Ms()).hasSize(144).allMatch(s -> s.value() == 300);
      assertThat(h.p50Ms()).noneMatch(s -> s.value() == 999);
      assertThat(h.availability()).hasSize(144).allMatch(s -> s.value() == 1.0);
      assertThat(h.p99Ms().get(143).ts()).isEqualTo(now);
      assertThat(h.p99Ms()).allMatch(s -> s.campus().equals(campus));
    });
  }

  private static GatewayStatus heartbeat(String campus) {
    return new GatewayStatus(campus, "gw-" + campus, Instant.now(), new GatewayHealth(GatewayHealth.State.HEARTBEAT, "b1", Map.of(), 0, Map.of()));
  }
}
