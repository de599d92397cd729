package io.campusguard.hub.store;

import java.util.Objects;

/**
 * Where the hub's PostgreSQL is. {@code jdbcUrl} is the one address both Flyway (JDBC) and the non-blocking
 * client use, e.g. {@code jdbc:postgresql://127.0.0.1:5432/campusguard}.
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {
  public static final int DEFAULT_POOL_SIZE = 8;
  private static final String PREFIX = "jdbc:postgresql://";

  public DatabaseConfig {
    Objects.requireNonNull(jdbcUrl, "database.url: missing");
    if (!jdbcUrl.startsWith(PREFIX)) {
      throw new IllegalArgumentException("database.url: must start with " + PREFIX);
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("database.user: missing");
    }
    password = password == null ? "" : password;
    if (poolSize < 1 || poolSize > 100) {
      throw new IllegalArgumentException("database.poolSize: must be 1..100");
    }
  }

  public DatabaseConfig(String jdbcUrl, String user, String password) {
    this(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
  }

  /** The same address as the non-blocking client's URI ({@code postgresql://...}). */
  String clientUri() {
    return jdbcUrl.substring("jdbc:".length());
  }

  @Override
  public String toString() {
    return "DatabaseConfig[" + jdbcUrl + " as " + user + ", pool " + poolSize + "]";
  }
}
