package io.campusguard.gateway.opcua;

import io.campusguard.devices.body.GatewayHealth;

/**
 * The states of one endpoint's connection. {@code STOPPED → CONNECTING → SUBSCRIBING → UP}; any failure or
 * loss goes to {@code BACKOFF}, which waits (capped exponential) and goes to {@code CONNECTING} with a new
 * client and session. {@code stop()} leads to {@code STOPPED} from anywhere.
 */
public enum ConnectionState {
  STOPPED,
  CONNECTING,
  SUBSCRIBING,
  UP,
  BACKOFF;

  /** The state as the gateway's heartbeat reports it. */
  public GatewayHealth.ConnectorState toHealth() {
    return switch (this) {
      case UP -> GatewayHealth.ConnectorState.UP;
      case CONNECTING, SUBSCRIBING -> GatewayHealth.ConnectorState.CONNECTING;
      case BACKOFF -> GatewayHealth.ConnectorState.DOWN;
      case STOPPED -> GatewayHealth.ConnectorState.DISABLED;
    };
  }
}
