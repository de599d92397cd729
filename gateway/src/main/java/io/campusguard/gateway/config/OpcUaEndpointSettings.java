package io.campusguard.gateway.config;

import io.campusguard.devices.WireNames;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.gateway.opcua.OpcUaEndpointConfig;
import io.campusguard.gateway.opcua.OpcUaNodeMapping;
import io.campusguard.gateway.opcua.OpcUaSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One OPC UA server of the campus's canteen equipment, as the YAML config writes it:
 *
 * <pre>
 * opcua:
 *   - id: canteen-plc
 *     endpointUrl: opc.tcp://192.168.10.20:4840/canteen
 *     security: basic256sha256          # none is refused unless allowInsecure: true
 *     nodes:
 *       - { nodeId: "nsu=urn:vendor:canteen;s=ColdStore1.Temperature", device: LP-017-CS-01, quantity: cold_store_temperature }
 * </pre>
 *
 * Missing intervals and the PKI folder take {@link OpcUaEndpointConfig}'s defaults.
 */
public record OpcUaEndpointSettings(
    String id, String endpointUrl, String security, Boolean allowInsecure, List<Node> nodes,
    Duration samplingInterval, Duration publishingInterval, String pkiDir) {

  /** One variable of the server and the device and quantity it stands for. */
  public record Node(String nodeId, String device, String quantity) {}

  public OpcUaEndpointConfig toConfig() {
    OpcUaSecurity sec = WireNames.parse(OpcUaSecurity.class, security == null ? "" : security)
        .orElseThrow(() -> new IllegalArgumentException("security: one of " + WireNames.allowed(OpcUaSecurity.class)));
    List<OpcUaNodeMapping> mappings = new ArrayList<>();
    List<Node> given = nodes == null ? List.of() : nodes;
    for (int i = 0; i < given.size(); i++) {
      Node n = given.get(i);
      String at = "nodes[" + i + "].";
      CanteenReading.Quantity q = WireNames.parse(CanteenReading.Quantity.class, n.quantity() == null ? "" : n.quantity())
          .orElseThrow(() -> new IllegalArgumentException(at + "quantity: one of " + WireNames.allowed(CanteenReading.Quantity.class)));
      try {
        mappings.add(new OpcUaNodeMapping(n.nodeId(), n.device(), q));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(at + e.getMessage(), e);
      }
    }
    return new OpcUaEndpointConfig(
        id, endpointUrl, sec, Boolean.TRUE.equals(allowInsecure), mappings,
        samplingInterval == null ? OpcUaEndpointConfig.DEFAULT_SAMPLING_INTERVAL : samplingInterval,
        publishingInterval == null ? OpcUaEndpointConfig.DEFAULT_PUBLISHING_INTERVAL : publishingInterval,
        OpcUaEndpointConfig.DEFAULT_INITIAL_BACKOFF, OpcUaEndpointConfig.DEFAULT_MAX_BACKOFF,
        pkiDir == null ? OpcUaEndpointConfig.DEFAULT_PKI_DIR : Path.of(pkiDir));
  }
}
