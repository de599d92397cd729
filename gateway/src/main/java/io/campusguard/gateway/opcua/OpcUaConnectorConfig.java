package io.campusguard.gateway.opcua;

import io.campusguard.devices.Ids;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The OPC UA connector of one campus gateway.
 *
 * @param campus the campus id put on every message
 * @param connectorId the device id of the connector's own {@code data_lost} alarm when its queue overflows
 * @param queueCapacity values waiting for the gateway at most; beyond it values are dropped and counted
 * @param endpoints the servers to subscribe to (may be empty: then the connector does nothing)
 */
public record OpcUaConnectorConfig(
    String campus, String connectorId, int queueCapacity, List<OpcUaEndpointConfig> endpoints) {

  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

  public OpcUaConnectorConfig {
    Ids.require("campus", campus);
    Ids.require("connectorId", connectorId);
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity: must be at least 1");
    }
    endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
    Set<String> ids = new HashSet<>();
    for (OpcUaEndpointConfig e : endpoints) {
      if (!ids.add(e.id())) {
        throw new IllegalArgumentException("endpoints: id " + e.id() + " used twice");
      }
    }
  }
}
