package io.campusguard.gateway.opcua;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Reads canteen equipment over OPC UA (Eclipse Milo 1.0 client): one subscription per configured endpoint,
 * each node a monitored item mapped to a device and quantity. Values reach the gateway only through the
 * given {@link BoundedHandoff} (canteen readings, and {@code data_lost} / {@code bad_value} alarms). Each
 * endpoint reconnects by itself with capped exponential backoff; see {@link OpcUaEndpointConnection}.
 *
 * <p>{@link #start()} and {@link #stop()} return at once: Milo's blocking calls run on the connector's own
 * threads, so both are safe to call from an event loop.
 */
public final class OpcUaConnector {
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

  /** Starts connecting every endpoint; returns at once. */
  public void start() {
    connections.forEach(OpcUaEndpointConnection::start);
  }

  /** Closes every session; the future completes when all are closed (each waits 5 s at most). */
  public CompletableFuture<Void> stop() {
    return CompletableFuture.allOf(
        connections.stream().map(OpcUaEndpointConnection::stop).toArray(CompletableFuture[]::new));
  }

  /** Each endpoint's state, by endpoint id, in config order. */
  public Map<String, ConnectionState> states() {
    Map<String, ConnectionState> out = new LinkedHashMap<>();
    connections.forEach(c -> out.put(c.id(), c.state()));
    return out;
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
