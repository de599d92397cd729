/**
 * The gateway's local rules, plain Java with time from a {@link java.time.Clock}: duration thresholds with
 * hysteresis ({@link io.campusguard.gateway.rules.ThresholdTracker}), debounce of flapping state inputs
 * ({@link io.campusguard.gateway.rules.StateDebouncer}), liveness with one alarm per silent parent
 * ({@link io.campusguard.gateway.rules.LivenessSupervisor}), and late marking, behind one facade,
 * {@link io.campusguard.gateway.rules.LocalRules}.
 *
 * <p>Settings: {@link io.campusguard.gateway.rules.LocalRulesConfig}, which the gateway's config builds from the
 * county's defaults, its {@code devices:} register and its {@code profiles:} overrides.
 *
 * <p>Wiring: the gateway ({@code CampusGateway}) owns the rules and their timer: it plugs
 * {@link io.campusguard.gateway.rules.LocalRulesHook} into the ingest pipeline and runs one
 * {@link io.campusguard.gateway.rules.RulesTicker}, armed for {@code nextDeadline()}, whose alarms go to the outbox
 * with {@code PriorityPolicy.of(body)}. Used alone: feed every decoded device message to {@code onMessage}, call
 * {@code onTick()} when {@code nextDeadline()} has come, and re-arm after each call.
 */
package io.campusguard.gateway.rules;
