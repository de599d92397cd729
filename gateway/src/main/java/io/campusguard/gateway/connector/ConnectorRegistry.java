package io.campusguard.gateway.connector;

import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.modbus.ModbusConnector;
import io.campusguard.gateway.mqtt.CampusBrokerConnectors;
import io.campusguard.gateway.opcua.OpcUaConnector;
import io.campusguard.gateway.vendorjson.VendorJsonConnector;
import io.campusguard.runtime.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the gateway's connectors from its config: one factory per config section name. A new protocol is one
 * package of its own and one line in {@link #standard()}; its settings live under {@code connectors.NAME} in the
 * YAML ({@link ConnectorContext#settings}). Sections under {@code connectors:} that no factory is registered for
 * refuse the config ({@link #check}), so a typo never passes silently.
 */
public final class ConnectorRegistry {
  private final Map<String, ConnectorFactory> factories = new LinkedHashMap<>();

  /** The connectors CampusGuard ships. */
  public static ConnectorRegistry standard() {
    return new ConnectorRegistry()
        .register("campusBroker", CampusBrokerConnectors::create) // campusBroker, or embeddedBroker without its url
        .register("opcua", OpcUaConnector::create)
        .register("dc09", io.campusguard.gateway.dc09.Dc09Connector::create)
        .register("modbus", ModbusConnector::create)
        .register("vendorJson", VendorJsonConnector::create);
  }

  /** Adds a factory for a section name; a name is registered once. */
  public ConnectorRegistry register(String section, ConnectorFactory factory) {
    Objects.requireNonNull(factory, "factory");
    if (section == null || !section.matches("[a-z][a-zA-Z0-9]{0,31}")) {
      throw new IllegalArgumentException("section: " + section + " is not a config section name (camelCase)");
    }
    if (factories.putIfAbsent(section, factory) != null) {
      throw new IllegalArgumentException("section: " + section + " is registered already");
    }
    return this;
  }

  public Set<String> sections() {
    return Set.copyOf(factories.keySet());
  }

  /** Refuses a {@code connectors.NAME} section that no factory is registered for, naming it. */
  public void check(GatewayConfig config) {
    for (String name : config.connectors().keySet()) {
      if (!factories.containsKey(name)) {
        throw new ConfigException(GatewayConfig.CONNECTORS + "." + name, "no such connector (known: " + String.join(", ", factories.keySet()) + ")");
      }
    }
  }

  /** A connector built, with the section it was built from (its {@code connector} tag in {@code /metrics}). */
  public record Built(String section, SouthboundConnector connector) {}

  /**
   * Every connector the config asks for, in registration order, built but not started. A factory that fails
   * closes what was built before it and fails the whole: a bad config refuses to start.
   */
  public List<Built> create(GatewayConfig config, Function<String, ConnectorContext> contextOf) throws Exception {
    check(config);
    List<Built> built = new ArrayList<>();
    try {
      for (Map.Entry<String, ConnectorFactory> f : factories.entrySet()) {
        for (SouthboundConnector c : f.getValue().create(contextOf.apply(f.getKey()))) {
          built.add(new Built(f.getKey(), c));
        }
      }
      return built;
    } catch (Exception | Error e) {
      built.forEach(b -> b.connector().close());
      throw e;
    }
  }
}
