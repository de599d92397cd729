package io.campusguard.hub;

import io.campusguard.runtime.StartFailures;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HubMain [--config FILE]}: reads the YAML config (environment variables {@code CG_HUB_...} override it),
 * refuses to start on a bad config naming the field, and runs the hub until the process is stopped. With no file,
 * every default applies: embedded PostgreSQL and county broker, API on 127.0.0.1:8080.
 */
public final class HubMain {
  private static final Logger LOG = LoggerFactory.getLogger(HubMain.class);
  public static final String ENV_PREFIX = "CG_HUB";

  private HubMain() {}

  public static void main(String[] args) throws InterruptedException {
    HubConfig config;
    try {
      config = load(args);
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("hub: bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Hub hub;
    try {
      hub = Hub.start(config).await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ConfigException bad) {
          // A file the config names (the broker's accounts) was found bad only at start: still a bad config.
          System.err.println("hub: bad configuration: " + bad.getMessage());
          System.exit(2);
          return;
        }
        if (t instanceof io.campusguard.hub.embedded.DataFolderInUse inUse) {
          // Restarting will not help until someone acts: exit 2, which the unit does not restart.
          System.err.println("hub: " + inUse.getMessage());
          System.exit(StartFailures.CONFIG_OR_ENVIRONMENT);
          return;
        }
      }
      if (StartFailures.isConfigOrEnvironment(e)) {
        // A folder it cannot write, an address it cannot bind: restarting changes nothing (systemd stops at 2).
        LOG.error("hub did not start; fix the configuration or the machine (not restarted)", e);
        System.exit(StartFailures.CONFIG_OR_ENVIRONMENT);
        return;
      }
      LOG.error("hub did not start", e);
      System.exit(StartFailures.OTHER);
      return;
    }
    LOG.info("hub serving on http://{}:{}", config.http().host(), hub.httpPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        hub.stop().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("hub stop: {}", e.toString());
      }
      stopped.countDown();
    }, "hub-shutdown"));
    stopped.await();
  }

  static HubConfig load(String[] args) {
    ConfigLoader loader = new ConfigLoader();
    if (args.length == 0) {
      return loader.parse("", ENV_PREFIX, System.getenv(), HubConfig.class);
    }
    if (args.length == 2 && "--config".equals(args[0])) {
      return loader.load(Path.of(args[1]), ENV_PREFIX, System.getenv(), HubConfig.class);
    }
    throw new IllegalArgumentException("usage: HubMain [--config FILE]");
  }
}
