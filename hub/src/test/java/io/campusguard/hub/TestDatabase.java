package io.campusguard.hub;

import io.campusguard.hub.store.DatabaseConfig;
import io.campusguard.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty database on the test run's PostgreSQL, one per test class, so classes never see each other's
 * rows; dropped at the end.
 */
public final class TestDatabase implements AutoCloseable {
  private final String name = "hub_" + UUID.randomUUID().toString().replace("-", "");
  private final DatabaseConfig config;

  public TestDatabase() {
    execute("CREATE DATABASE " + name);
    String base = TestServices.pgUrl();
    String url = base.substring(0, base.lastIndexOf('/') + 1) + name;
    config = new DatabaseConfig(url, TestServices.pgUser(), TestServices.pgPassword());
  }

  public DatabaseConfig config() {
    return config;
  }

  /** Runs SQL on this test's database (blocking; for assertions from the test thread). */
  public long count(String sql) {
    try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public void update(String sql) {
    try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
