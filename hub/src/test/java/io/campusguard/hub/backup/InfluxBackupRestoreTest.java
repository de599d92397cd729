package io.campusguard.hub.backup;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.telemetry.InfluxTimeSeriesStore;
import io.campusguard.hub.telemetry.Measurement;
import io.campusguard.hub.telemetry.Sample;
import io.campusguard.testing.TestServices;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's time series backed up with Debian's InfluxDB 1.6 ({@code influxd backup -portable}) while it runs, and
 * restored under a new database name ({@code influxd restore -portable -db … -newdb …}): the procedure of
 * docs/en/backup-restore.md, read back through the hub's own store.
 */
@Timeout(300)
class InfluxBackupRestoreTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final InfluxDB admin = InfluxDBFactory.connect(TestServices.influxUrl());
  private final String source = "cg_backup_" + UUID.randomUUID().toString().substring(0, 8);
  private final String restored = source + "_restored";

  @AfterEach
  void tearDown() {
    admin.query(new Query("DROP DATABASE " + source));
    admin.query(new Query("DROP DATABASE " + restored));
    admin.close();
    await(vertx.close());
  }

  /**
   * Verifies that every reading written through the hub's InfluxDB store before the backup comes back, the same,
   * through the same store from the restored database, and that a reading written after the backup does not.
   */
  @Test
  void readingsComeBackFromTheRestoredDatabase() throws Exception {
    admin.query(new Query("CREATE DATABASE " + source));
    InfluxTimeSeriesStore store = new InfluxTimeSeriesStore(vertx, TestServices.influxUrl(), source, null, null);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant since = now.minus(Duration.ofHours(24));
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      samples.add(new Sample(Measurement.CANTEEN, "LP-017", "LP-017-CS-01", "cold_store_temperature", now.minusSeconds(60L * i), 2 + (i % 7) / 2.0));
      samples.add(new Sample(Measurement.CANTEEN, "LP-017", "LP-017-FZ-01", "freezer_temperature", now.minusSeconds(60L * i), -18 - (i % 3)));
    }
    await(store.write(samples));
    // a count can be short for a moment after a write, series by series: wait for both
    await().atMost(Duration.ofSeconds(60)).until(() ->
        await(store.query(Measurement.CANTEEN, "LP-017-CS-01", "cold_store_temperature", since)).size() == 600
            && await(store.query(Measurement.CANTEEN, "LP-017-FZ-01", "freezer_temperature", since)).size() == 600);
    List<Sample> coldStore = await(store.query(Measurement.CANTEEN, "LP-017-CS-01", "cold_store_temperature", since));
    List<Sample> freezer = await(store.query(Measurement.CANTEEN, "LP-017-FZ-01", "freezer_temperature", since));
    assertThat(freezer).hasSize(600);

    // when the database is backed up while InfluxDB runs
    Path backup = dir.resolve("influx-backup");
    influxd("backup", "-portable", "-database", source, "-host", TestServices.influxRpc(), backup.toString());
    // a reading after the backup is not in it
    await(store.write(List.of(new Sample(Measurement.CANTEEN, "LP-017", "LP-017-CS-01", "cold_store_temperature", now.plusSeconds(1), 42))));
    await(store.close());

    // and restored under a new name
    influxd("restore", "-portable", "-db", source, "-newdb", restored, "-host", TestServices.influxRpc(), backup.toString());

    // then the hub's store reads the same series back. InfluxDB 1.6 answers "shard is disabled" for a moment after
    // a restore while it opens the restored shard: the docs say to wait for it, and so does this test.
    InfluxTimeSeriesStore back = new InfluxTimeSeriesStore(vertx, TestServices.influxUrl(), restored, null, null);
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() ->
          assertThat(await(back.query(Measurement.CANTEEN, "LP-017-CS-01", "cold_store_temperature", since))).isEqualTo(coldStore));
      assertThat(await(back.query(Measurement.CANTEEN, "LP-017-FZ-01", "freezer_temperature", since))).isEqualTo(freezer);
      // control: the source has the later reading, the restored copy does not
      assertThat(await(back.query(Measurement.CANTEEN, "LP-017-CS-01", "cold_store_temperature", now))).hasSize(1);
    } finally {
      await(back.close());
    }
    InfluxTimeSeriesStore after = new InfluxTimeSeriesStore(vertx, TestServices.influxUrl(), source, null, null);
    try {
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(await(after.query(Measurement.CANTEEN, "LP-017-CS-01", "cold_store_temperature", now))).hasSize(2));
    } finally {
      await(after.close());
    }
  }

  /** Runs Debian's influxd with {@code args}; fails with its output when it exits non-zero. */
  private void influxd(String... args) throws IOException, InterruptedException {
    Path bin = Path.of("/usr/bin/influxd");
    assertThat(bin).as("influxd from Debian's influxdb package (scripts/test.sh installs it)").isExecutable();
    List<String> command = new ArrayList<>(List.of(bin.toString()));
    command.addAll(List.of(args));
    Path log = dir.resolve("influxd-" + args[0] + ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s:%n%s", command, output).isZero();
  }
}
