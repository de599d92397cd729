package io.campusguard.simulators.report;

/** A fault injected during a run, from {@code startS} to {@code endS} seconds after the start. */
public record FaultWindow(String kind, String target, double startS, double endS) {}
