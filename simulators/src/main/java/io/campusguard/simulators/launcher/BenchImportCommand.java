package io.campusguard.simulators.launcher;

import io.campusguard.hub.embedded.EmbeddedDatabase;
import io.campusguard.hub.store.DatabaseConfig;
import io.campusguard.simulators.bench.ImportBenchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench-import}: the asset import against a plain JDBC batch insert on the same PostgreSQL; see
 * {@link ImportBenchmark}. A measurement, not a test: it prints figures and fails only when a run cannot complete.
 */
@Command(
    name = "bench-import",
    mixinStandardHelpOptions = true,
    description = "Measure the asset import (CSV to PostgreSQL) against a raw JDBC batch insert of the same rows.")
final class BenchImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rows", defaultValue = "" + ImportBenchmark.DEFAULT_ROWS, description = "rows per file (default: ${DEFAULT-VALUE})")
  int rows;

  @Option(names = "--rounds", defaultValue = "" + ImportBenchmark.DEFAULT_ROUNDS, description = "rounds; the median is reported (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--database-url", description = "jdbc:postgresql://… (default: an embedded PostgreSQL in a temporary folder)")
  String databaseUrl;

  @Option(names = "--database-user", defaultValue = "postgres", description = "(default: ${DEFAULT-VALUE})")
  String databaseUser;

  @Option(names = "--database-password", defaultValue = "", description = "(default: none)")
  String databasePassword;

  /** The figures of the last run, for tests. */
  ImportBenchmark.Result result;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ImportBenchmark.Settings settings;
    DatabaseConfig given;
    try {
      settings = new ImportBenchmark.Settings(rows, rounds);
      given = databaseUrl == null ? null : new DatabaseConfig(databaseUrl, databaseUser, databasePassword, 2);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Path dir = given == null ? Files.createTempDirectory("cg-bench-import") : null;
    EmbeddedDatabase embedded = null;
    try {
      if (given == null) {
        out.println("… starting an embedded PostgreSQL");
        out.flush();
        embedded = EmbeddedDatabase.start(dir.resolve("pg"));
      }
      DatabaseConfig db = given != null ? given : embedded.config();
      result = ImportBenchmark.run(settings, db, step -> {
        out.println("… " + step);
        out.flush();
      });
    } finally {
      if (embedded != null) {
        embedded.close();
      }
      if (dir != null) {
        BenchGatewayCommand.deleteTree(dir);
      }
    }
    out.print(ImportBenchmark.format(result));
    out.flush();
    return 0;
  }
}
