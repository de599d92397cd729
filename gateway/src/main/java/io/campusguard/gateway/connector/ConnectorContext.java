package io.campusguard.gateway.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.runtime.config.ConfigLoader;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a connector is built with: its config section, the way to the ingest pipeline, and the gateway's clock and
 * threads.
 *
 * @param section the name it is registered under, which is also its config section's name
 * @param config the whole gateway config (the campus, and the sections of the connectors that predate the registry:
 *     {@code campusBroker}/{@code embeddedBroker}, {@code opcua})
 * @param inbox the one way to the ingest pipeline
 * @param loop runs one task at a time (the gateway's Vert.x context): where a {@link BoundedHandoff} delivers
 * @param scheduler the gateway's timers; a connector's blocking work belongs on threads of its own
 */
public record ConnectorContext(
    String section, GatewayConfig config, DeviceInbox inbox, Clock clock, Executor loop, ScheduledExecutorService scheduler) {

  public ConnectorContext {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(inbox, "inbox");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(scheduler, "scheduler");
  }

  public String campus() {
    return config.campus();
  }

  /** This connector's section under {@code connectors:} in the YAML, when the config has one. */
  public Optional<JsonNode> rawSection() {
    return Optional.ofNullable(config.connectors().get(section));
  }

  /**
   * This connector's section under {@code connectors:} bound onto its settings record (defaults in the record's
   * compact constructor, {@code "field: reason"} when a value is unusable), or empty without a section.
   *
   * @throws io.campusguard.runtime.config.ConfigException naming the field as {@code connectors.NAME.field}
   */
  public <T> Optional<T> settings(Class<T> type) {
    return rawSection().map(node -> new ConfigLoader().bind(node, GatewayConfig.CONNECTORS + "." + section, type));
  }
}
