package io.campusguard.gateway.mqtt;

import io.campusguard.devices.body.GatewayHealth.ConnectorState;

/** Where the gateway gets its devices' messages: an external campus broker, or the broker it runs itself. */
public interface CampusConnector extends AutoCloseable {
  /** Starts receiving; returns at once. */
  void start() throws Exception;

  ConnectorState state();

  @Override
  void close();
}
