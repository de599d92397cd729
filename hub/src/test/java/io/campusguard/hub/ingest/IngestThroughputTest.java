package io.campusguard.hub.ingest;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Topics;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.alarms.AlarmRules;
import io.campusguard.hub.store.Database;
import io.campusguard.hub.store.EventStore;
import io.campusguard.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
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
 * to InfluxDB) as a ratio to a raw influxdb-java batch write of as many points, measured in the same run, before
 * and after the ingest (the machine is shared, so its load drifts). A warm-up round runs first, so the figures are
 * of a warm JVM. The PostgreSQL commit alone (EventStore, no broker) is measured too, to show where the time goes.
 * Only correctness is asserted: every event stored once and acked. Rates are logged, never asserted.
 * Sizes: {@code -Dcg.bench.events=N} (default 40,000) and {@code -Dcg.bench.campuses=N} (default 4).
 */
@Timeout(600)
class IngestThroughputTest {
  private static final Logger LOG = LoggerFactory.getLogger(IngestThroughputTest.class);
  private static final int CAMPUSES = Integer.getInteger("cg.bench.campuses", 4);
  private static final int BATCH = 500;
  // Whole batches per campus.
  private static final int EVENTS = Integer.getInteger("cg.bench.events", 40_000) / (CAMPUSES * BATCH) * (CAMPUSES * BATCH);
  private static final int WARM_UP_EVENTS = 20_000;

  /**
   * Verifies that readings from several campuses publishing at once are all stored once and acked with the
   * campus's whole sequence committed, and reports events/s and the ratios to raw InfluxDB writes.
   */
  @Test
  void sustainedIngestRate() throws Exception {
    String run = Integer.toString((int) (Math.random() * 900 + 100));
    try (TestDatabase db = new TestDatabase();
        TestHub hub = new TestHub(db.config(), "t" + UUID.randomUUID().toString().substring(0, 8), Duration.ofSeconds(20),
            new HubConfig.Influx(TestServices.influxUrl(), TestServices.influxDb(), null, null, Duration.ofMillis(200)))) {
      ingest(db, "LP-W" + run, WARM_UP_EVENTS);
      rawInfluxRate();

      double rawBefore = rawInfluxRate();
      double rate = ingest(db, "LP-T" + run, EVENTS);
      double rawAfter = rawInfluxRate();
      double raw = (rawBefore + rawAfter) / 2;
      double commitRate = storeCommitRate(db, "LP-S" + run);

      LOG.info("BENCHMARK ingest: {} events from {} campuses at {} events/s end to end; raw influxdb-java batch write {} points/s"
              + " (before {}, after {}); ratio {}; PostgreSQL commit alone (EventStore, {} per batch) {} events/s, ratio {}",
          EVENTS, CAMPUSES, Math.round(rate), Math.round(raw), Math.round(rawBefore), Math.round(rawAfter),
          String.format("%.2f", rate / raw), BATCH, Math.round(commitRate), String.format("%.2f", commitRate / raw));
    }
  }

  /** Sends {@code events} readings from {@link #CAMPUSES} scripted gateways at once; returns events/s until all acked. */
  private static double ingest(TestDatabase db, String prefix, int events) throws Exception {
    long storedBefore = db.count("SELECT count(*) FROM events");
    List<String> campuses = new ArrayList<>();
    // Encoded before the clock starts: a real gateway does this on its own machine, not on the hub's two cores.
    List<List<byte[]>> perCampus = new ArrayList<>();
    int batchesPerCampus = events / CAMPUSES / BATCH;
    EventCodec codec = EventCodec.withDefaults();
    for (int c = 0; c < CAMPUSES; c++) {
      String campus = prefix + "-" + c;
      campuses.add(campus);
      perCampus.add(batches(campus, batchesPerCampus).stream().map(codec::encodeBatch).toList());
    }
    List<ScriptedGateway> gateways = new ArrayList<>();
    for (String campus : campuses) {
      gateways.add(new ScriptedGateway(campus));
    }
    try {
      long start = System.nanoTime();
      List<Thread> senders = new ArrayList<>();
      for (int c = 0; c < CAMPUSES; c++) {
        ScriptedGateway gw = gateways.get(c);
        List<byte[]> batches = perCampus.get(c);
        String topic = Topics.county(campuses.get(c), Topics.CountyChannel.EVENTS);
        Thread t = new Thread(() -> {
          try {
            for (byte[] batch : batches) {
              gw.publishRaw(topic, batch);
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
      double published = (System.nanoTime() - start) / 1e9;
      await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(10))
          .until(() -> gateways.stream().allMatch(g -> g.acks().size() == batchesPerCampus));
      double seconds = (System.nanoTime() - start) / 1e9;

      int sent = batchesPerCampus * BATCH * CAMPUSES;
      assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(storedBefore + sent);
      for (ScriptedGateway gw : gateways) {
        assertThat(gw.acks().stream().mapToLong(a -> a.committedUpTo()).max().orElseThrow()).isEqualTo((long) batchesPerCampus * BATCH);
      }
      // When publishing takes nearly all of it, the broker path (or the senders) set the pace, not the hub.
      LOG.info("BENCHMARK {}: {} events published in {} s, all acked after {} s", prefix, sent, String.format("%.2f", published),
          String.format("%.2f", seconds));
      return sent / seconds;
    } finally {
      for (ScriptedGateway gw : gateways) {
        gw.close();
      }
    }
  }

  private static List<UplinkBatch> batches(String campus, int count) {
    List<UplinkBatch> batches = new ArrayList<>();
    long seq = 1;
    for (int b = 0; b < count; b++) {
      List<EventEnvelope> events = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        events.add(TestEvents.reading(campus, campus + "-CS-" + (i % 20), seq++, 2 + (i % 5)));
      }
      batches.add(TestEvents.batch(campus, events));
    }
    return batches;
  }

  /** The store's share: the same batches committed straight through EventStore, campuses side by side. */
  private static double storeCommitRate(TestDatabase db, String prefix) {
    Vertx vertx = Vertx.vertx();
    Database database = await(Database.start(vertx, db.config()));
    try {
      EventStore store = new EventStore(database.pool(), EventCodec.withDefaults(), Duration.ofSeconds(30));
      List<List<EventStore.PreparedBatch>> perCampus = new ArrayList<>();
      for (int c = 0; c < CAMPUSES; c++) {
        String campus = prefix + "-" + c;
        List<EventStore.PreparedBatch> prepared = new ArrayList<>();
        for (UplinkBatch b : batches(campus, EVENTS / CAMPUSES / BATCH)) {
          prepared.add(store.prepare(campus, b.events(), Instant.now(), AlarmRules::mayRaise));
        }
        perCampus.add(prepared);
      }
      long start = System.nanoTime();
      List<Future<?>> chains = new ArrayList<>();
      for (List<EventStore.PreparedBatch> prepared : perCampus) {
        Future<?> chain = Future.succeededFuture();
        for (EventStore.PreparedBatch b : prepared) {
          chain = chain.compose(v -> store.commit(b));
        }
        chains.add(chain);
      }
      try {
        Future.all(chains).await(300, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("store commits did not finish", e);
      }
      return (double) (EVENTS / CAMPUSES / BATCH) * BATCH * CAMPUSES / ((System.nanoTime() - start) / 1e9);
    } finally {
      await(database.close());
      await(vertx.close());
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
      return (double) (EVENTS / 5_000 * 5_000) / ((System.nanoTime() - start) / 1e9);
    }
  }
}
