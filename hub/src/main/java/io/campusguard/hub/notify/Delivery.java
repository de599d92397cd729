package io.campusguard.hub.notify;

/** One notice to one person about one alarm. */
public record Delivery(long alarmId, Recipient to, Notice notice) {}
