package io.campusguard.gateway.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors one gateway runs: started one by one so that one failing never stops another, their parts' states
 * merged for the heartbeat and {@code /health}, closed together.
 */
public final class RunningConnectors implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningConnectors.class);

  private final String campus;
  private final List<ConnectorRegistry.Built> built;
  /** Connectors whose start failed, with why: shown down, the others run on. */
  private final Map<SouthboundConnector, ConnectorStatus> failedAtStart = new ConcurrentHashMap<>();

  public RunningConnectors(String campus, List<ConnectorRegistry.Built> built) {
    this.campus = campus;
    this.built = List.copyOf(built);
  }

  /**
   * Starts each connector in turn. One that throws is shown {@code down} with the reason and the others start all the
   * same; an {@link IllegalArgumentException} (a config value that cannot work, named) is thrown on: refuse to start.
   */
  public void start() {
    for (ConnectorRegistry.Built b : built) {
      try {
        b.connector().start();
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (Exception e) {
        ConnectorStatus down = ConnectorStatus.down(e);
        failedAtStart.put(b.connector(), down);
        LOG.error("gateway {}: connector {} failed to start ({}); the others run on", campus, b.section(), down.reason(), e);
      }
    }
  }

  /** Every connector's parts by name; a connector that failed at start is down with its reason under each of its names. */
  public Map<String, ConnectorStatus> status() {
    Map<String, ConnectorStatus> out = new TreeMap<>();
    for (ConnectorRegistry.Built b : built) {
      ConnectorStatus failed = failedAtStart.get(b.connector());
      Map<String, ConnectorStatus> own;
      try {
        own = b.connector().status();
      } catch (RuntimeException e) {
        own = Map.of(b.section(), ConnectorStatus.down(e));
      }
      own.forEach((name, s) -> out.put(name, failed != null ? failed : s));
      if (own.isEmpty() && failed != null) {
        out.put(b.section(), failed);
      }
    }
    return out;
  }

  /** The connectors with the sections they were built from, in registration order. */
  public List<ConnectorRegistry.Built> all() {
    return built;
  }

  /** The first connector of this class, if one was built. */
  public <T> Optional<T> find(Class<T> type) {
    return built.stream().map(ConnectorRegistry.Built::connector).filter(type::isInstance).map(type::cast).findFirst();
  }

  /** Whether this connector's start failed. */
  public boolean failedAtStart(SouthboundConnector connector) {
    return failedAtStart.containsKey(connector);
  }

  /** Closes every connector; one that fails to close does not keep the others open. */
  @Override
  public void close() {
    for (ConnectorRegistry.Built b : built) {
      try {
        b.connector().close();
      } catch (RuntimeException e) {
        LOG.warn("gateway {}: connector {} did not close cleanly: {}", campus, b.section(), e.toString());
      }
    }
  }
}
