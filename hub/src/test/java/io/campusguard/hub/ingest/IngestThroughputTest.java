package io.campusguard.hub.ingest;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.CommitAck;
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
import io.campusguard.hub.store.GroupCommitter;
import io.campusguard.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * The issue's benchmark, small enough for every build: sustained ingest (Mosquitto → hub → PostgreSQL, time series
 * to InfluxDB) as a ratio to a raw influxdb-java batch write of as many points, measured in the same run, before
 * and after the ingest (the machine is shared, so its load drifts). A warm-up round runs first, so the figures are
 * of a warm JVM. To tell where the ceiling is, the same run also measures the two stores alone for the same number
 * of events: a raw PostgreSQL insert of the same rows (plain statements, same pool size), and both stores written at
 * once (raw PostgreSQL and raw InfluxDB together, as the hub must), which is what a hub on this machine could reach
 * at best. The PostgreSQL commit alone (EventStore, no broker), per batch and through the group commit, shows
 * where the hub's own time goes. While the hub ingests, a P0 alarm is sent every {@link #PROBE_EVERY} on the alarms
 * channel of one of the busy campuses, and its time to ack is reported: alarms must not queue behind telemetry.
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
  private static final Duration PROBE_EVERY = Duration.ofMillis(100);

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
      CpuClock cpu = new CpuClock(db.config());
      ingest(db, "LP-W" + run, WARM_UP_EVENTS, false, cpu);
      rawInfluxRate();

      double rawBefore = rawInfluxRate();
      Ingested hubRun = ingest(db, "LP-T" + run, EVENTS, true, cpu);
      double rate = hubRun.eventsPerSecond();
      double rawAfter = rawInfluxRate();
      double raw = (rawBefore + rawAfter) / 2;
      Vertx vertx = Vertx.vertx();
      Database database = await(Database.start(vertx, db.config()));
      try {
        Measured perBatch = storeCommitRate(database, "LP-S" + run, false, cpu);
        Measured grouped = storeCommitRate(database, "LP-G" + run, true, cpu);
        Measured rawInsert = rawPostgresRate(database, "LP-R" + run, cpu);
        double commitRate = perBatch.rate();
        double groupRate = grouped.rate();
        double rawPg = rawInsert.rate();
        double bothStores = bothStoresRate(database, "LP-B" + run);

        LOG.info("BENCHMARK ingest: {} events from {} campuses at {} events/s end to end; raw influxdb-java batch write {} points/s"
                + " (before {}, after {}); ratio {}; PostgreSQL commit alone (EventStore, {} per batch) {} events/s, ratio {}",
            EVENTS, CAMPUSES, Math.round(rate), Math.round(raw), Math.round(rawBefore), Math.round(rawAfter),
            String.format("%.2f", rate / raw), BATCH, Math.round(commitRate), String.format("%.2f", commitRate / raw));
        LOG.info("BENCHMARK ceiling: raw PostgreSQL insert of the same rows {} rows/s; both stores at once (raw PostgreSQL + raw"
                + " InfluxDB, the same events) {} events/s; hub end to end / both stores {}; hub / raw PostgreSQL {};"
                + " EventStore commit through the group commit {} events/s ({} per batch alone)",
            Math.round(rawPg), Math.round(bothStores), String.format("%.2f", rate / bothStores), String.format("%.2f", rate / rawPg),
            Math.round(groupRate), Math.round(commitRate));
        LOG.info("BENCHMARK CPU ms per 1,000 events (PostgreSQL server; test JVM): hub end to end {}; {} (the JVM: hub and scripted"
                + " gateways); EventStore per batch {}; {}; through the group commit {}; {}; raw insert of the same rows {}; {}",
            ms(hubRun.cpu()[1]), ms(hubRun.cpu()[0]), ms(perBatch.cpu()[1]), ms(perBatch.cpu()[0]), ms(grouped.cpu()[1]),
            ms(grouped.cpu()[0]), ms(rawInsert.cpu()[1]), ms(rawInsert.cpu()[0]));
        LOG.info("BENCHMARK P0 during ingest: {} alarms on the alarms channel of a busy campus, ack after p50 {} ms, p99 {} ms, max {} ms",
            hubRun.p0Ms().size(), percentile(hubRun.p0Ms(), 50), percentile(hubRun.p0Ms(), 99), percentile(hubRun.p0Ms(), 100));
      } finally {
        await(database.close());
        await(vertx.close());
      }
    }
  }

  /** One timed ingest: its rate, the P0 probes' times from publish to ack (empty when not probed), CPU per 1,000 events. */
  private record Ingested(double eventsPerSecond, List<Long> p0Ms, double[] cpu) {}

  /** A rate and the CPU milliseconds per 1,000 events it took: [test JVM, PostgreSQL server]. */
  private record Measured(double rate, double[] cpu) {}

  private static String ms(double v) {
    return String.format("%.0f", v);
  }

  /**
   * Sends {@code events} readings from {@link #CAMPUSES} scripted gateways at once; returns events/s until all acked.
   * With {@code probe}, a P0 alarm goes on the first campus's alarms channel every {@link #PROBE_EVERY} meanwhile, with
   * seqs above the campus's readings, as a gateway's press taken while its telemetry backlog is still on its way.
   */
  private static Ingested ingest(TestDatabase db, String prefix, int events, boolean probe, CpuClock cpu) throws Exception {
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
    ScriptedGateway prober = probe ? new ScriptedGateway(campuses.get(0)) : null;
    List<Long> p0Ms = new ArrayList<>();
    try {
      CpuClock.Reading cpuBefore = cpu.read();
      long start = System.nanoTime();
      java.util.concurrent.atomic.AtomicLong lastPublished = new java.util.concurrent.atomic.AtomicLong(start);
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
            lastPublished.accumulateAndGet(System.nanoTime(), Math::max);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, "gateway-" + c);
        t.start();
        senders.add(t);
      }
      // The probe's acks reach the first campus's gateway too: only acks of whole reading batches count here.
      java.util.function.BooleanSupplier allAcked = () -> gateways.stream()
          .allMatch(g -> g.acks().stream().filter(a -> a.eventIds().size() == BATCH).count() >= batchesPerCampus);
      long probeSeq = (long) batchesPerCampus * BATCH;
      while (prober != null && !allAcked.getAsBoolean() && System.nanoTime() - start < 300e9) {
        p0Ms.add(probeOnce(prober, campuses.get(0), ++probeSeq, codec));
        // pacing only: one press per interval, as a person would
        java.util.concurrent.locks.LockSupport.parkNanos(PROBE_EVERY.toNanos());
      }
      for (Thread t : senders) {
        t.join();
      }
      double published = (lastPublished.get() - start) / 1e9;
      await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(10)).until(allAcked::getAsBoolean);
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] cpuUsed = cpu.read().msPerThousand(cpuBefore, (long) batchesPerCampus * BATCH * CAMPUSES);

      int sent = batchesPerCampus * BATCH * CAMPUSES;
      assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(storedBefore + sent + p0Ms.size());
      for (int c = 0; c < CAMPUSES; c++) {
        long expected = (long) batchesPerCampus * BATCH + (c == 0 ? p0Ms.size() : 0);
        List<ScriptedGateway> listening = c == 0 && prober != null ? List.of(gateways.get(c), prober) : List.of(gateways.get(c));
        await().atMost(Duration.ofSeconds(60)).until(() -> listening.stream()
            .anyMatch(g -> g.acks().stream().mapToLong(a -> a.committedUpTo()).max().orElse(0) == expected));
      }
      // When publishing takes nearly all of it, the broker path (or the senders) set the pace, not the hub.
      LOG.info("BENCHMARK {}: {} events published in {} s, all acked after {} s", prefix, sent, String.format("%.2f", published),
          String.format("%.2f", seconds));
      return new Ingested(sent / seconds, p0Ms, cpuUsed);
    } finally {
      for (ScriptedGateway gw : gateways) {
        gw.close();
      }
      if (prober != null) {
        prober.close();
      }
    }
  }

  /** Sends one P0 press on the campus's alarms channel and returns the milliseconds until its ack arrived. */
  private static long probeOnce(ScriptedGateway prober, String campus, long seq, EventCodec codec) throws Exception {
    EventEnvelope press = TestEvents.panic(campus, campus + "-PB-01", seq);
    byte[] payload = codec.encodeBatch(TestEvents.batch(campus, List.of(press)));
    // only acks that arrive from now on are looked at, once each: the probe must not load the machine it measures
    int[] seen = {prober.acks().size()};
    long sent = System.nanoTime();
    prober.publishRaw(Topics.county(campus, Topics.CountyChannel.ALARMS), payload);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
      List<CommitAck> acks = prober.acks();
      for (; seen[0] < acks.size(); seen[0]++) {
        if (acks.get(seen[0]).eventIds().size() == 1 && acks.get(seen[0]).eventIds().get(0).equals(press.id())) {
          return true;
        }
      }
      return false;
    });
    return (System.nanoTime() - sent) / 1_000_000;
  }

  /** The nearest-rank percentile ({@code p} = 100: the largest); -1 when there is none. */
  private static long percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
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

  /**
   * The store's share: the same batches committed straight through EventStore, campuses side by side; each batch in
   * a transaction of its own, or all handed at once to a {@link GroupCommitter} (as the hub does).
   */
  private static Measured storeCommitRate(Database database, String prefix, boolean grouped, CpuClock cpu) {
    EventStore store = new EventStore(database.pool(), EventCodec.withDefaults(), Duration.ofSeconds(30));
    GroupCommitter committer = new GroupCommitter(store);
    List<List<EventStore.PreparedBatch>> perCampus = new ArrayList<>();
    for (int c = 0; c < CAMPUSES; c++) {
      String campus = prefix + "-" + c;
      List<EventStore.PreparedBatch> prepared = new ArrayList<>();
      for (UplinkBatch b : batches(campus, EVENTS / CAMPUSES / BATCH)) {
        prepared.add(store.prepare(campus, b.events(), Instant.now(), AlarmRules::mayRaise));
      }
      perCampus.add(prepared);
    }
    CpuClock.Reading cpuBefore = cpu.read();
    long start = System.nanoTime();
    List<Future<?>> chains = new ArrayList<>();
    for (List<EventStore.PreparedBatch> prepared : perCampus) {
      if (grouped) {
        prepared.forEach(b -> chains.add(committer.commit(b)));
        continue;
      }
      Future<?> chain = Future.succeededFuture();
      for (EventStore.PreparedBatch b : prepared) {
        chain = chain.compose(v -> store.commit(b));
      }
      chains.add(chain);
    }
    awaitAll(chains, "store commits");
    long events = (long) (EVENTS / CAMPUSES / BATCH) * BATCH * CAMPUSES;
    double rate = events / ((System.nanoTime() - start) / 1e9);
    double[] cpuUsed = cpu.read().msPerThousand(cpuBefore, events);
    if (grouped) {
      LOG.info("BENCHMARK group commit: {} batches per transaction on average", String.format("%.1f", committer.batchesPerCommit()));
    }
    return new Measured(rate, cpuUsed);
  }

  /**
   * The events table's own ceiling: the same rows as the readings (columns, body JSON, id order) inserted with plain
   * statements of {@link #BATCH} rows, campuses side by side, one transaction each: no dedup, devices, progress or acks.
   */
  private static Measured rawPostgresRate(Database database, String prefix, CpuClock cpu) {
    List<List<Tuple>> perCampus = rawRows(database, prefix);
    CpuClock.Reading cpuBefore = cpu.read();
    long start = System.nanoTime();
    awaitAll(rawPostgresInserts(database, perCampus), "raw inserts");
    double rate = (double) EVENTS / ((System.nanoTime() - start) / 1e9);
    return new Measured(rate, cpu.read().msPerThousand(cpuBefore, EVENTS));
  }

  /** Raw PostgreSQL inserts and the raw InfluxDB write of as many points, at once: the best this machine allows the hub. */
  private static double bothStoresRate(Database database, String prefix) {
    List<List<Tuple>> perCampus = rawRows(database, prefix);
    List<BatchPoints> points = rawPoints();
    try (InfluxDB influx = InfluxDBFactory.connect(TestServices.influxUrl())) {
      long start = System.nanoTime();
      List<Future<?>> inserts = rawPostgresInserts(database, perCampus);
      points.forEach(influx::write);
      awaitAll(inserts, "raw inserts");
      return (double) EVENTS / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static final String RAW_INSERT =
      "INSERT INTO events (id, campus_id, seq, kind, priority, device_id, source_ts, gateway_ts, hub_ts, body)"
          + " SELECT id, c, s, k, p, d, st, gt, ht, b::%s FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[],"
          + " $6::text[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::text[]) AS t(id, c, s, k, p, d, st, gt, ht, b)"
          + " ORDER BY id";

  private static List<Future<?>> rawPostgresInserts(Database database, List<List<Tuple>> perCampus) {
    // the body column's type as the schema has it, so the same rows are stored the same way
    String type = await(database.pool().query("SELECT data_type FROM information_schema.columns WHERE table_name = 'events'"
        + " AND column_name = 'body'").execute()).iterator().next().getString(0);
    String sql = String.format(RAW_INSERT, type);
    List<Future<?>> chains = new ArrayList<>();
    for (List<Tuple> rows : perCampus) {
      Future<?> chain = Future.succeededFuture();
      for (Tuple t : rows) {
        chain = chain.compose(v -> database.pool().preparedQuery(sql).execute(t));
      }
      chains.add(chain);
    }
    return chains;
  }

  /** The readings' rows as parameter arrays, {@link #BATCH} per statement, per campus. */
  private static List<List<Tuple>> rawRows(Database database, String prefix) {
    EventCodec codec = EventCodec.withDefaults();
    List<List<Tuple>> perCampus = new ArrayList<>();
    for (int c = 0; c < CAMPUSES; c++) {
      String campus = prefix + "-" + c;
      List<Tuple> tuples = new ArrayList<>();
      for (UplinkBatch b : batches(campus, EVENTS / CAMPUSES / BATCH)) {
        List<EventEnvelope> sorted = b.events().stream().sorted(java.util.Comparator.comparing(EventEnvelope::id)).toList();
        int n = sorted.size();
        UUID[] ids = new UUID[n];
        String[] campuses = new String[n];
        Long[] seqs = new Long[n];
        String[] kinds = new String[n];
        String[] priorities = new String[n];
        String[] devices = new String[n];
        OffsetDateTime[] sources = new OffsetDateTime[n];
        OffsetDateTime[] gatewayTs = new OffsetDateTime[n];
        OffsetDateTime[] hubTs = new OffsetDateTime[n];
        String[] bodies = new String[n];
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
          EventEnvelope e = sorted.get(i);
          ids[i] = UUID.fromString(e.id());
          campuses[i] = e.campus();
          seqs[i] = e.seq();
          kinds[i] = e.kind().wireName();
          priorities[i] = e.priority().name();
          devices[i] = e.device();
          sources[i] = OffsetDateTime.ofInstant(e.sourceTs(), ZoneOffset.UTC);
          gatewayTs[i] = OffsetDateTime.ofInstant(e.gatewayTs(), ZoneOffset.UTC);
          hubTs[i] = now;
          // the device JSON without its ts: the body as the hub stores it
          String device = new String(codec.encodeDevice(e.sourceTs(), e.body()), java.nio.charset.StandardCharsets.UTF_8);
          bodies[i] = "{" + device.substring(device.indexOf(',') + 1);
        }
        tuples.add(Tuple.of(ids, campuses, seqs, kinds, priorities, devices, sources, gatewayTs, hubTs, bodies));
      }
      perCampus.add(tuples);
    }
    return perCampus;
  }

  private static void awaitAll(List<Future<?>> futures, String what) {
    try {
      Future.all(futures).await(300, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(what + " did not finish", e);
    }
  }

  private static double rawInfluxRate() {
    List<BatchPoints> batches = rawPoints();
    try (InfluxDB influx = InfluxDBFactory.connect(TestServices.influxUrl())) {
      long start = System.nanoTime();
      batches.forEach(influx::write);
      return (double) (EVENTS / 5_000 * 5_000) / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** As many points as events, in batches of 5,000, as the hub's time-series writer sends them. */
  private static List<BatchPoints> rawPoints() {
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
    return batches;
  }
}
