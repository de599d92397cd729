package io.campusguard.simulators.loadtest;

/** One row of the hub's event log, as the load test reads it back. */
public record CommittedEvent(String id, String campus, long seq, EmissionKey key, long hubTsMillis) {}
