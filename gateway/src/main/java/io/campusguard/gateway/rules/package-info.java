/**
 * The gateway's local rules, plain Java with time from a {@link java.time.Clock}: duration thresholds with
 * hysteresis ({@link io.campusguard.gateway.rules.ThresholdTracker}), debounce of flapping state inputs
 * ({@link io.campusguard.gateway.rules.StateDebouncer}), liveness with one alarm per silent parent
 * ({@link io.campusguard.gateway.rules.LivenessSupervisor}), and late marking, behind one facade,
 * {@link io.campusguard.gateway.rules.LocalRules}.
 *
 * <p>Wiring: build {@code new LocalRules(config, clock)}; feed every decoded device message to
 * {@code onMessage} (or plug {@link io.campusguard.gateway.rules.LocalRulesHook} into the ingest pipeline);
 * arm one timer for {@code nextDeadline()} and call {@code onTick()} when it fires, re-arming after each call;
 * append every returned message to the outbox with {@code PriorityPolicy.of(body)}.
 */
package io.campusguard.gateway.rules;
