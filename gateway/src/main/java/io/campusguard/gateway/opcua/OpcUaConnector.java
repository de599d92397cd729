package io.campusguard.gateway.opcua;

import io.campusguard.gateway.connector.BoundedHandoff;
import io.campusguard.gateway.connector.ConnectorContext;
import io.campusguard.gateway.connector.ConnectorStatus;
import io.campusguard.gateway.connector.SouthboundConnector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads canteen equipment over OPC UA (Eclipse Milo 1.0 client): one subscription per configured endpoint,
 * each node a monitored item mapped to a device and quantity. Values reach the gateway only through the
 * given {@link BoundedHandoff} (canteen readings, and {@code data_lost} / {@code bad_value} alarms). Each
 * endpoint reconnects by itself with capped exponential backoff; see {@link OpcUaEndpointConnection}.
 *
 * <p>{@link #start()} and {@link #stop()} return at once: Milo's blocking calls run on the connector's own
 * threads, so both are safe to call from an event loop.
 */
public final class OpcUaConnector implements SouthboundConnector {
  private static final Logger LOG = LoggerFactory.getLogger(OpcUaConnector.class);
  /** Each endpoint shows in the heartbeat as this prefix and its id. */
  public static final String NAME_PREFIX = "opcua-";

  private final OpcUaConnectorConfig config;
  private final BoundedHandoff handoff;
  private final OpcUaCounters counters = new OpcUaCounters();
  private final List<OpcUaEndpointConnection> connections = new ArrayList<>();

  public OpcUaConnector(OpcUaConnectorConfig config, BoundedHandoff handoff, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.handoff = Objects.requireNonNull(handoff, "handoff");
    Objects.requireNonNull(clock, "clock");
    for (OpcUaEndpointConfig e : config.endpoints()) {
      connections.add(new OpcUaEndpointConnection(e, config.campus(), handoff, counters, clock));
    }
  }

  /**
   * The registry's factory: the {@code opcua} endpoints of the config, if any. Milo calls back on its own threads;
   * values cross to the gateway's loop through a bounded queue, readings and alarms alike into the inbox.
   */
  public static List<SouthboundConnector> create(ConnectorContext context) {
    return context.config().opcuaConnector().<List<SouthboundConnector>>map(c -> List.of(new OpcUaConnector(c,
        new BoundedHandoff(c.campus(), c.connectorId(), c.queueCapacity(), context.clock(), context.loop(),
            m -> context.inbox().message(m).whenComplete((outcome, failure) -> {
              if (failure != null) {
                LOG.error("OPC UA message of {} not stored: {}", m.device(), failure.toString());
              }
            }), BoundedHandoff.DEFAULT_MAX_BATCH),
        context.clock()))).orElse(List.of());
  }

  /** Starts connecting every endpoint; returns at once. */
  @Override
  public void start() {
    connections.forEach(OpcUaEndpointConnection::start);
  }

  /** Closes every session; the future completes when all are closed (each waits 5 s at most). */
  public CompletableFuture<Void> stop() {
    return CompletableFuture.allOf(
        connections.stream().map(OpcUaEndpointConnection::stop).toArray(CompletableFuture[]::new));
  }

  @Override
  public void close() {
    stop().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
  }

  /** Each endpoint's state, by endpoint id, in config order. */
  public Map<String, ConnectionState> states() {
    Map<String, ConnectionState> out = new LinkedHashMap<>();
    connections.forEach(c -> out.put(c.id(), c.state()));
    return out;
  }

  /** Each endpoint as {@code opcua-<id>}, with the last failure while it is not up. */
  @Override
  public Map<String, ConnectorStatus> status() {
    Map<String, ConnectorStatus> out = new LinkedHashMap<>();
    for (OpcUaEndpointConnection c : connections) {
      ConnectionState s = c.state();
      out.put(NAME_PREFIX + c.id(), new ConnectorStatus(s.toHealth(), s == ConnectionState.UP ? null : c.lastFailure()));
    }
    return out;
  }

  @Override
  public Map<String, Long> counters() {
    OpcUaConnectorStats s = stats();
    return Map.of("received", s.received(), "readings", s.readings(), "bad_values", s.badValuesTotal(), "dropped", s.dropped(),
        "reconnects", s.reconnects());
  }

  public OpcUaConnectorStats stats() {
    return new OpcUaConnectorStats(
        counters.received.get(), counters.readings.get(), counters.badSnapshot(), handoff.dropped(),
        counters.reconnects.get(), states());
  }

  public OpcUaConnectorConfig config() {
    return config;
  }
}
