package io.campusguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.campusguard.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark, small enough for every build: sustained ingest (Mosquitto → hub → PostgreSQL, time series
 * to InfluxDB) against a raw influxdb-java batch write of the same number of points in the same run. The figures
 * are logged; the assertions are only that every event arrived and a floor far below the goal, since the CI
 * machine's two cores are shared.
 */
@Timeout(300)
class IngestThroughputTest {
  private static final Logger LOG = LoggerFactory.getLogger(IngestThroughputTest.class);
  private static final int EVENTS = 20_000;
  private static final int BATCH = 500;
  private static final int CAMPUSES = 4;

  /**
   * Verifies that 20,000 readings from four campuses publishing at once are all stored and acked, and reports
   * events/s and the ratio to raw InfluxDB writes.
   */
  @Test
  void sustainedIngestRate() throws Exception {
    String run = Integer.toString((int) (Math.random() * 900 + 100));
    List<String> campuses = new ArrayList<>();
    List<List<UplinkBatch>> perCampus = new ArrayList<>();
    for (int c = 0; c < CAMPUSES; c++) {
      String campus = "LP-T" + run + "-" + c;
      campuses.add(campus);
      List<UplinkBatch> batches = new ArrayList<>();
      long seq = 1;
      for (int b = 0; b < EVENTS / CAMPUSES / BATCH; b++) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
          events.add(TestEvents.reading(campus, campus + "-CS-" + (i % 20), seq++, 2 + (i % 5)));
        }
        batches.add(TestEvents.batch(campus, events));
      }
      perCampus.add(batches);
    }
    double rawRate = rawInfluxRate();

    try (TestDatabase db = new TestDatabase();
        TestHub hub = new TestHub(db.config(), "t" + UUID.randomUUID().toString().substring(0, 8), Duration.ofSeconds(20),
            new HubConfig.Influx(TestServices.influxUrl(), TestServices.influxDb(), null, null, Duration.ofMillis(200)))) {
      List<ScriptedGateway> gateways = new ArrayList<>();
      for (String campus : campuses) {
        gateways.add(new ScriptedGateway(campus));
      }
      try {
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < CAMPUSES; c++) {
          ScriptedGateway gw = gateways.get(c);
          List<UplinkBatch> batches = perCampus.get(c);
          Thread t = new Thread(() -> {
            try {
              for (UplinkBatch batch : batches) {
                gw.send(batch);
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }, "gateway-" + c);
          t.start();
          senders.add(t);
        }
        for (Thread t : senders) {
          t.join();
        }
        int batchesPerCampus = EVENTS / CAMPUSES / BATCH;
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(10))
            .until(() -> gateways.stream().allMatch(g -> g.acks().size() == batchesPerCampus));
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = EVENTS / seconds;

        assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(EVENTS);
        for (ScriptedGateway gw : gateways) {
          assertThat(gw.acks().stream().mapToLong(a -> a.committedUpTo()).max().orElseThrow()).isEqualTo(EVENTS / CAMPUSES);
        }
        LOG.info("BENCHMARK ingest: {} events from {} campuses in {} s = {} events/s; raw influxdb-java batch write {} points/s; ratio {}",
            EVENTS, CAMPUSES, String.format("%.2f", seconds), Math.round(rate), Math.round(rawRate), String.format("%.2f", rate / rawRate));
        assertThat(rate).isGreaterThan(500);
      } finally {
        for (ScriptedGateway gw : gateways) {
          gw.close();
        }
      }
    }
  }

  private static double rawInfluxRate() {
    try (InfluxDB influx = InfluxDBFactory.connect(TestServices.influxUrl())) {
      String run = UUID.randomUUID().toString();
      long now = System.currentTimeMillis();
      List<BatchPoints> batches = new ArrayList<>();
      for (int b = 0; b < EVENTS / 5_000; b++) {
        BatchPoints.Builder batch = BatchPoints.database(TestServices.influxDb()).tag("run", run);
        for (int i = 0; i < 5_000; i++) {
          batch.point(Point.measurement("bench_raw").time(now - b * 5_000L - i, TimeUnit.MILLISECONDS)
              .tag("device", "CS-" + (i % 20)).addField("value", (double) (i % 5)).build());
        }
        batches.add(batch.build());
      }
      long start = System.nanoTime();
      batches.forEach(influx::write);
      return EVENTS / ((System.nanoTime() - start) / 1e9);
    }
  }
}
