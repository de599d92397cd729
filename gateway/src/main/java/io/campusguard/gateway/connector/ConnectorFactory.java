package io.campusguard.gateway.connector;

import java.util.List;

/** Builds the connectors one config section asks for; registered under that section's name in the {@link ConnectorRegistry}. */
@FunctionalInterface
public interface ConnectorFactory {

  /**
   * The connectors the config asks for (none when it asks for none), built but not started. Reads and checks its
   * settings here: a bad value throws {@link IllegalArgumentException} or
   * {@link io.campusguard.runtime.config.ConfigException} naming the field from the config's top, and the gateway
   * refuses to start.
   */
  List<SouthboundConnector> create(ConnectorContext context) throws Exception;
}
