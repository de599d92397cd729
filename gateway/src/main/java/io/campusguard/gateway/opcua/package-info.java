/**
 * The OPC UA connector (Eclipse Milo 1.0 client) for canteen equipment: subscriptions with monitored items,
 * one explicit connection state machine per endpoint with capped exponential backoff, and a bounded handoff
 * of values to the gateway.
 *
 * <p>Wiring: the connector registry calls {@link io.campusguard.gateway.opcua.OpcUaConnector#create}; by hand,
 * {@code BoundedHandoff.onVertxContext(context, campus, connectorId, capacity, clock, sink)} where {@code sink} feeds the
 * ingest pipeline (it runs on that context); {@code new OpcUaConnector(config, handoff, clock).start()};
 * {@code stop()} at shutdown. {@code states()} maps to the heartbeat with
 * {@link io.campusguard.gateway.opcua.ConnectionState#toHealth()}, {@code stats()} to metrics.
 */
package io.campusguard.gateway.opcua;
