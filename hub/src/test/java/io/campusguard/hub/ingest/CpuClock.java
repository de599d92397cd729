package io.campusguard.hub.ingest;

import io.campusguard.hub.store.DatabaseConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the test run's PostgreSQL server (its postmaster, live backends and the
 * backends it has reaped), read from {@code /proc}. A benchmark on a shared machine gets rates that follow the
 * machine's load; CPU time per event does not, so it says where the cost is whatever else runs.
 */
final class CpuClock {
  /** Linux reports process times in clock ticks; 100 per second on every kernel we run on. */
  private static final double TICKS_PER_SECOND = 100.0;

  /** CPU seconds of both, at one moment. */
  record Reading(double jvmSeconds, double postgresSeconds) {
    /** CPU milliseconds per 1,000 events since {@code before}: [this JVM, PostgreSQL]. */
    double[] msPerThousand(Reading before, long events) {
      return new double[] {(jvmSeconds - before.jvmSeconds) * 1e6 / events, (postgresSeconds - before.postgresSeconds) * 1e6 / events};
    }
  }

  private final long postmaster;

  CpuClock(DatabaseConfig db) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW data_directory")) {
      rs.next();
      postmaster = Long.parseLong(Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).trim());
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot find the PostgreSQL server's process", e);
    }
  }

  Reading read() {
    double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    long ticks = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        long[] stat = stat(p);
        if (stat == null) {
          continue;
        }
        long pid = Long.parseLong(p.getFileName().toString());
        if (pid == postmaster) {
          ticks += stat[1] + stat[2] + stat[3] + stat[4];
        } else if (stat[0] == postmaster) {
          ticks += stat[1] + stat[2];
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc", e);
    }
    return new Reading(jvm, ticks / TICKS_PER_SECOND);
  }

  /** ppid, utime, stime, cutime, cstime of one process; null when it is gone. */
  private static long[] stat(Path proc) {
    try {
      String line = Files.readString(proc.resolve("stat"));
      // fields after the command name, which is in parentheses and may hold spaces
      String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
