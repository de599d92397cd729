package io.campusguard.gateway.mqtt;

import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.connector.ConnectorStatus;
import io.campusguard.gateway.connector.SouthboundConnector;
import java.util.Map;

/**
 * The campus's MQTT side, the way in for every device that publishes: an external campus broker, or the broker the
 * gateway runs itself. Shown in the heartbeat as {@value #NAME}.
 */
public interface CampusConnector extends SouthboundConnector {
  String NAME = "campus";

  ConnectorState state();

  @Override
  default Map<String, ConnectorStatus> status() {
    return Map.of(NAME, ConnectorStatus.of(state()));
  }
}
