package io.campusguard.gateway.opcua;

import java.util.Map;

/**
 * Totals since start, for {@code /metrics} and the heartbeat.
 *
 * @param received values Milo delivered
 * @param readings values that became canteen readings and were queued
 * @param badValues values refused, per reason (never thrown)
 * @param dropped readings dropped because the queue to the gateway was full
 * @param reconnects times a connection went to backoff (failed connect or lost session)
 * @param states each endpoint's connection state, by endpoint id
 */
public record OpcUaConnectorStats(
    long received,
    long readings,
    Map<BadValueReason, Long> badValues,
    long dropped,
    long reconnects,
    Map<String, ConnectionState> states) {

  public OpcUaConnectorStats {
    badValues = Map.copyOf(badValues);
    states = Map.copyOf(states);
  }

  public long badValuesTotal() {
    return badValues.values().stream().mapToLong(Long::longValue).sum();
  }
}
