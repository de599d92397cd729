package io.campusguard.gateway.opcua;

import io.campusguard.devices.Ids;
import io.campusguard.devices.body.CanteenReading;
import java.util.Objects;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;

/**
 * One OPC UA variable read as one device's canteen reading.
 *
 * @param nodeId the variable, in OPC UA text form: {@code nsu=urn:...;s=ColdStore.Temperature} (stable across
 *     server restarts, preferred) or {@code ns=2;s=ColdStore.Temperature}
 * @param deviceId the device the reading is from, as on the campus broker
 * @param quantity what the value measures; it gives the unit and the plausible range
 */
public record OpcUaNodeMapping(String nodeId, String deviceId, CanteenReading.Quantity quantity) {
  public OpcUaNodeMapping {
    Objects.requireNonNull(nodeId, "nodeId");
    try {
      ExpandedNodeId.parse(nodeId);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("nodeId: not an OPC UA node id \"" + nodeId + "\"");
    }
    Ids.require("deviceId", deviceId);
    Objects.requireNonNull(quantity, "quantity");
  }

  ExpandedNodeId expandedNodeId() {
    return ExpandedNodeId.parse(nodeId);
  }
}
