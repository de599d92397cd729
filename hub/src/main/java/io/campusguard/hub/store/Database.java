package io.campusguard.hub.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's PostgreSQL: migrated with Flyway over JDBC once at start (on a worker thread, it blocks), then used
 * through the non-blocking Vert.x client. {@link #start} succeeds when the schema is current and the pool is made.
 */
public final class Database {
  /** The pools' names, as the {@code pool_name} tag of the {@code vertx_pool_*} metrics shows them. */
  static final String MAIN_POOL = "hub-db";
  static final String ALARM_POOL = "hub-db-alarms";
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  static final String MIGRATIONS = "classpath:db/migration";

  /**
   * Connections kept for alarms (P0 batches' commits and alarm rows), so they never wait for a connection behind
   * telemetry commits.
   */
  static final int ALARM_POOL_SIZE = 4;

  private final Pool pool;
  private final Pool alarmPool;
  private final DatabaseConfig config;

  private Database(Pool pool, Pool alarmPool, DatabaseConfig config) {
    this.pool = pool;
    this.alarmPool = alarmPool;
    this.config = config;
  }

  public static Future<Database> start(Vertx vertx, DatabaseConfig config) {
    return vertx
        .executeBlocking(() -> migrate(config), false)
        .map(
            result -> {
              LOG.info("database {} at schema version {} ({} migrations applied)", config.jdbcUrl(),
                  result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                  result.migrationsExecuted);
              PgConnectOptions connect =
                  PgConnectOptions.fromUri(config.clientUri()).setUser(config.user()).setPassword(config.password())
                      .setCachePreparedStatements(true);
              // Named apart: pool metrics are keyed by the pool's name, and two pools under the default name had
              // Micrometer warn "This Gauge has been already registered" at every start.
              Pool pool = PgBuilder.pool().with(new PoolOptions().setName(MAIN_POOL).setMaxSize(config.poolSize()))
                  .connectingTo(connect).using(vertx).build();
              Pool alarmPool = PgBuilder.pool().with(new PoolOptions().setName(ALARM_POOL).setMaxSize(ALARM_POOL_SIZE))
                  .connectingTo(connect).using(vertx).build();
              return new Database(pool, alarmPool, config);
            });
  }

  /** Blocking: brings the schema to the newest version. */
  public static MigrateResult migrate(DatabaseConfig config) {
    return Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .locations(MIGRATIONS)
        .load()
        .migrate();
  }

  public Pool pool() {
    return pool;
  }

  /** A small pool of its own for alarms (see {@link #ALARM_POOL_SIZE}). */
  public Pool alarmPool() {
    return alarmPool;
  }

  public DatabaseConfig config() {
    return config;
  }

  public Future<Void> close() {
    return Future.join(pool.close(), alarmPool.close()).mapEmpty();
  }
}
