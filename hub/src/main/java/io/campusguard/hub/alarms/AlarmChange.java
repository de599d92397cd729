package io.campusguard.hub.alarms;

/** The result of a lifecycle step: the alarm after it, and the history line that records it. */
public record AlarmChange(Alarm alarm, HistoryEntry entry) {}
