package io.campusguard.gateway.rules;

/**
 * Totals since start, for {@code /metrics}.
 *
 * @param messages device messages judged
 * @param heartbeatsConsumed heartbeats used for liveness and not passed on
 * @param heldByDebounce state changes held back while an input flapped (some are passed on later)
 * @param late events passed on marked late
 * @param unjudged messages of devices the rules could not supervise (unknown type, or past {@code maxDevices})
 * @param alarms local alarm transitions made (raised and cleared)
 */
public record RuleCounters(
    long messages, long heartbeatsConsumed, long heldByDebounce, long late, long unjudged, long alarms) {}
