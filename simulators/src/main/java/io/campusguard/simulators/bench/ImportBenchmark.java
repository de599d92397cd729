package io.campusguard.simulators.bench;

import io.campusguard.devices.WireNames;
import io.campusguard.devices.asset.Asset;
import io.campusguard.hub.assets.AssetCsv;
import io.campusguard.hub.assets.AssetImport;
import io.campusguard.hub.store.AssetStore;
import io.campusguard.hub.store.Database;
import io.campusguard.hub.store.DatabaseConfig;
import io.campusguard.simulators.county.CountyScenario;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Issue 6's "10,000 rows in seconds": the asset import as the hub runs it (CSV parsed and checked row by row with
 * {@link AssetCsv}, stored in one transaction by {@link AssetStore} over the Vert.x client) against a baseline
 * measured in the same run on the same database: the same rows, already in memory, written by a plain JDBC batch
 * insert in one transaction, the floor of what any import can do. Rounds alternate which goes first; the median
 * of each is reported. Rows are the simulated county's register under ids of their own, deleted after each round,
 * so the benchmark can run against a hub's database without touching its register.
 */
public final class ImportBenchmark {
  public static final int DEFAULT_ROWS = 10_000;
  public static final int DEFAULT_ROUNDS = 3;
  static final String ID_PREFIX = "BENCH-";
  private static final int WARM_UP_ROWS = 1_000;
  private static final String INSERT =
      "INSERT INTO assets (id, campus_id, room, category, make, model, purchase_date, price, warranty_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private ImportBenchmark() {}

  public record Settings(int rows, int rounds) {
    public Settings {
      if (rows < 1 || rows > AssetCsv.MAX_ROWS) {
        throw new IllegalArgumentException("rows: between 1 and " + AssetCsv.MAX_ROWS);
      }
      if (rounds < 1 || rounds > 20) {
        throw new IllegalArgumentException("rounds: between 1 and 20");
      }
    }
  }

  /** Rates are rows per second, medians over the rounds; {@code imported} counts every row the import stored. */
  public record Result(int rows, int rounds, int csvBytes, double baselineRowsPerS, double importRowsPerS, double parseRowsPerS, long imported) {
    public double importToBaseline() {
      return importRowsPerS / baselineRowsPerS;
    }

    public double importSeconds() {
      return rows / importRowsPerS;
    }
  }

  public static Result run(Settings settings, DatabaseConfig db, Consumer<String> progress) throws Exception {
    Vertx vertx = Vertx.vertx();
    String run = Long.toString(System.currentTimeMillis(), 36);
    try {
      progress.accept("migrating " + db.jdbcUrl());
      Database database = await(Database.start(vertx, db));
      AssetStore store = new AssetStore(database.pool());
      try (Connection jdbc = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        progress.accept("warming up with " + WARM_UP_ROWS + " rows");
        round(jdbc, store, WARM_UP_ROWS, ID_PREFIX + run + "-w", true);

        double[] baseline = new double[settings.rounds()];
        double[] imports = new double[settings.rounds()];
        double[] parses = new double[settings.rounds()];
        long imported = 0;
        int csvBytes = 0;
        for (int i = 0; i < settings.rounds(); i++) {
          progress.accept("round " + (i + 1) + " of " + settings.rounds() + ": " + settings.rows() + " rows each way");
          Round r = round(jdbc, store, settings.rows(), ID_PREFIX + run + "-" + i, i % 2 == 0);
          baseline[i] = r.baselineRowsPerS;
          imports[i] = r.importRowsPerS;
          parses[i] = r.parseRowsPerS;
          imported += r.imported;
          csvBytes = r.csvBytes;
        }
        await(database.close());
        return new Result(settings.rows(), settings.rounds(), csvBytes, median(baseline), median(imports), median(parses), imported);
      }
    } finally {
      await(vertx.close());
    }
  }

  private record Round(double baselineRowsPerS, double importRowsPerS, double parseRowsPerS, int imported, int csvBytes) {}

  private static Round round(Connection jdbc, AssetStore store, int n, String prefix, boolean baselineFirst) throws Exception {
    List<Asset> baselineRows = rows(n, prefix + "b-");
    StringBuilder csv = new StringBuilder();
    AssetCsv.write(rows(n, prefix + "i-"), csv);
    String file = csv.toString();
    try {
      double base = 0;
      long[] importNanos = new long[2];
      int imported = 0;
      for (int step = 0; step < 2; step++) {
        if ((step == 0) == baselineFirst) {
          long t0 = System.nanoTime();
          insertBatch(jdbc, baselineRows);
          base = perSecond(n, System.nanoTime() - t0);
        } else {
          long t0 = System.nanoTime();
          AssetImport parsed = AssetCsv.read(new StringReader(file), false);
          long t1 = System.nanoTime();
          if (!parsed.clean()) {
            throw new IllegalStateException("the generated file has bad rows: " + parsed.errors().get(0));
          }
          imported = await(store.upsert(parsed.accepted()));
          importNanos[0] = t1 - t0;
          importNanos[1] = System.nanoTime() - t0;
        }
      }
      return new Round(base, perSecond(n, importNanos[1]), perSecond(n, importNanos[0]), imported, file.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    } finally {
      try (PreparedStatement delete = jdbc.prepareStatement("DELETE FROM assets WHERE id LIKE ?")) {
        delete.setString(1, prefix + "%");
        delete.executeUpdate();
      }
    }
  }

  private static void insertBatch(Connection jdbc, List<Asset> assets) throws SQLException {
    jdbc.setAutoCommit(false);
    try (PreparedStatement insert = jdbc.prepareStatement(INSERT)) {
      for (Asset a : assets) {
        insert.setString(1, a.assetId());
        insert.setString(2, a.campus());
        insert.setString(3, a.room());
        insert.setString(4, WireNames.of(a.category()));
        insert.setString(5, a.make());
        insert.setString(6, a.model());
        insert.setObject(7, a.purchaseDate());
        insert.setBigDecimal(8, a.price());
        insert.setObject(9, a.warrantyEnd(), java.sql.Types.DATE);
        insert.addBatch();
      }
      insert.executeBatch();
      jdbc.commit();
    } catch (SQLException e) {
      jdbc.rollback();
      throw e;
    } finally {
      jdbc.setAutoCommit(true);
    }
  }

  /** {@code n} rows of the simulated county's register (repeated if it has fewer), under ids starting with {@code prefix}. */
  static List<Asset> rows(int n, String prefix) {
    List<Asset> county = CountyScenario.generate(1L).assetRegister();
    List<Asset> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Asset a = county.get(i % county.size());
      out.add(new Asset(prefix + i, a.campus(), a.room(), a.category(), a.make(), a.model(), a.purchaseDate(), a.price(), a.warrantyEnd()));
    }
    return out;
  }

  public static String format(Result r) {
    StringBuilder out = new StringBuilder();
    line(out, "CampusGuard asset import benchmark: %,d rows (%,d bytes of CSV), median of %d round(s), same PostgreSQL", r.rows(), r.csvBytes(), r.rounds());
    line(out, "%-62s %12s", "", "rows/s");
    line(out, "%-62s %,12.0f", "baseline  JDBC batch insert of the rows, one transaction", r.baselineRowsPerS());
    line(out, "%-62s %,12.0f", "import    CSV parsed and checked, stored in one transaction", r.importRowsPerS());
    line(out, "%-62s %,12.0f", "          of which parsing and checking alone", r.parseRowsPerS());
    line(out, "import / baseline = %.2f; %,d rows imported in %.2f s", r.importToBaseline(), r.rows(), r.importSeconds());
    return out.toString();
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static double perSecond(int rows, long nanos) {
    return rows * 1e9 / Math.max(1, nanos);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  private static <T> T await(Future<T> f) throws InterruptedException, ExecutionException, TimeoutException {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }
}
