package io.campusguard.gateway.uplink;

import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.profile.ProfileOverrides;
import io.campusguard.gateway.connector.ConnectorStatus;
import java.util.Map;

/**
 * What the heartbeat says beside the uplink's own state, read at every status the uplink sends (and once while it is
 * built, for its last will: then the gateway may not be complete, so each must cope with that). Cheap, thread-safe.
 */
public interface HeartbeatSources {
  /** The connectors' parts by name (the county link is the uplink's own). */
  Map<String, ConnectorStatus> connectors();

  /** What the gateway refused of its devices' input since start. */
  GatewayHealth.DeviceInput deviceInput();

  /** The device profiles the rules run that differ from the county's defaults. */
  ProfileOverrides profiles();
}
