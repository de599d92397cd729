package io.campusguard.gateway.connector;

import java.util.Map;

/**
 * One way in for the campus's devices (MQTT, OPC UA, and next GB/T 28181, Modbus, SNMP, DC-09, …), as the gateway
 * sees it: started and stopped, its state reported, its counts exposed. What it receives goes to the ingest
 * pipeline only through the {@link DeviceInbox} of its {@link ConnectorContext}. Built from its config section by
 * the {@link ConnectorRegistry}.
 *
 * <p>A connector never blocks another, and never blocks an event loop: its protocol's blocking calls run on its own
 * threads. It acknowledges its device (an MQTT PUBACK, a SIP 200, a DC-09 ACK) only once the inbox's future says
 * the event is durable, when the protocol lets the device retry.
 */
public interface SouthboundConnector extends AutoCloseable {

  /**
   * Starts receiving; returns once started, not once connected (a link that comes and goes is the connector's
   * business, shown in {@link #status}). Called on a worker thread: it may block briefly (binding a listener).
   *
   * @throws IllegalArgumentException a config value that cannot work, message {@code "field: reason"} naming it
   *     from the config's top ({@code embeddedBroker.tls.certFile: …}): the gateway refuses to start
   * @throws Exception anything else: this connector is shown {@code down} with the reason; the others run on
   */
  void start() throws Exception;

  /**
   * Each part's state by the name the heartbeat's {@code connectors} map and {@code /health} show it under (one
   * entry, or one per endpoint: {@code opcua-canteen-plc}). Cheap and thread-safe: read at every heartbeat.
   */
  Map<String, ConnectorStatus> status();

  /**
   * Totals since start by counter name ({@code received}, {@code dropped}, {@code reconnects}, …), exported as
   * {@code cg_connector_<name>_total{connector=…}}. The names must not change after start. Thread-safe.
   */
  default Map<String, Long> counters() {
    return Map.of();
  }

  /** Stops receiving and releases everything; waits a bounded time. Idempotent. */
  @Override
  void close();
}
