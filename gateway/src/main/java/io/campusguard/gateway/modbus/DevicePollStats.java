package io.campusguard.gateway.modbus;

/**
 * One polled device's counts since start.
 *
 * @param polls rounds of requests sent
 * @param readings values read, decoded and handed on
 * @param timeouts requests the device did not answer in time
 * @param exceptions requests it answered with a Modbus exception
 * @param failures requests that could not be sent (no connection) or failed otherwise
 * @param badValues values read but not plausible for their quantity (not finite, out of range)
 */
public record DevicePollStats(long polls, long readings, long timeouts, long exceptions, long failures, long badValues) {}
