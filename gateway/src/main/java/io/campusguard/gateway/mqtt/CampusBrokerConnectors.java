package io.campusguard.gateway.mqtt;

import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.connector.ConnectorContext;
import io.campusguard.gateway.connector.SouthboundConnector;
import java.util.List;

/**
 * The registry's factory for the campus's MQTT side, from {@code campusBroker} (an external broker: our own
 * subscription) or, without its url, {@code embeddedBroker} (the broker we run: its publish interceptor). One
 * ingest path per mode, so nothing is ingested twice.
 */
public final class CampusBrokerConnectors {
  private CampusBrokerConnectors() {}

  public static List<SouthboundConnector> create(ConnectorContext context) throws Exception {
    GatewayConfig config = context.config();
    if (config.embeddedCampusBroker()) {
      return List.of(new EmbeddedCampusBroker(config.campus(), config.embeddedBroker(), context.inbox()));
    }
    try {
      return List.of(new CampusMqttConnector(
          config.campus(), config.campusBroker().endpoint("cg-gw-" + config.campus()), context.inbox(), context.scheduler()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("campusBroker." + e.getMessage(), e); // a TLS file at fault
    }
  }
}
