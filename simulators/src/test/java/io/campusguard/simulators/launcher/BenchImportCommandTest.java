package io.campusguard.simulators.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.simulators.bench.ImportBenchmark;
import io.campusguard.testing.TestServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The import benchmark command at a small size on the test run's PostgreSQL: it completes, imports every row,
 * prints each figure and leaves nothing behind. Its timings are not judged here (2 shared cores, other builds).
 */
@Timeout(300)
class BenchImportCommandTest {

  /** Verifies that a run imports every row of every round, reports both rates and their ratio, and cleans up. */
  @Test
  void importsEveryRowAndPrintsEveryFigure() throws Exception {
    // given the command with 500 rows and two rounds on a real PostgreSQL
    BenchImportCommand command = new BenchImportCommand();
    StringWriter printed = new StringWriter();
    CommandLine cli = new CommandLine(command).setOut(new PrintWriter(printed));

    // when it runs
    int exit = cli.execute("--rows", "500", "--rounds", "2", "--database-url", TestServices.pgUrl(),
        "--database-user", TestServices.pgUser(), "--database-password", TestServices.pgPassword());

    // then every row of both rounds went in through the hub's import, and each figure is a real one
    assertThat(exit).as(printed.toString()).isZero();
    ImportBenchmark.Result r = command.result;
    assertThat(r.imported()).isEqualTo(1_000);
    assertThat(r.baselineRowsPerS()).isPositive().isFinite();
    assertThat(r.importRowsPerS()).isPositive().isFinite();
    assertThat(r.parseRowsPerS()).isGreaterThan(r.importRowsPerS()).isFinite();
    assertThat(r.csvBytes()).isGreaterThan(500 * 40);
    assertThat(printed.toString())
        .contains("500 rows", "median of 2 round(s)", "baseline  JDBC batch insert", "import    CSV parsed and checked", "import / baseline = ")
        .doesNotContain("NaN", "Infinity");
    // and no benchmark row stays in the register
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        ResultSet left = c.createStatement().executeQuery("SELECT count(*) FROM assets WHERE id LIKE 'BENCH-%'")) {
      left.next();
      assertThat(left.getLong(1)).isZero();
    }
  }

  /** Verifies that a bad size is refused naming the option's field before anything starts. */
  @Test
  void refusesABadSize() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchImportCommand()).setErr(new PrintWriter(err)).execute("--rows", "0", "--database-url", TestServices.pgUrl());
    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("rows: between 1 and");
  }
}
