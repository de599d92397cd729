/**
 * Canteen and field sensors that speak Modbus TCP (issue 18): the gateway polls each configured device's registers
 * with digitalpetri's Modbus client, decodes them by the device model's register map ({@link
 * io.campusguard.gateway.modbus.RegisterDecoder}) and hands the readings to the ingest pipeline through a bounded
 * queue. Registered in the connector registry as the {@code connectors.modbus} section.
 */
package io.campusguard.gateway.modbus;
