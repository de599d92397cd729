package io.campusguard.gateway.rules;

import java.util.List;

/**
 * What the rules made of one device message.
 *
 * @param forwarded whether the message itself is among {@code emissions}; when false it was consumed (a
 *     heartbeat) or held back (a flapping input, passed on later from {@link LocalRules#onTick()} if it
 *     settles there), and whoever holds it may acknowledge it at once
 * @param emissions what to append to the outbox, in the order given: alarms cleared by the device being heard,
 *     a flap of this device that settled just now, the message itself when forwarded, then the alarms the
 *     message or the passing of time decided
 */
public record RuleOutcome(boolean forwarded, List<Emission> emissions) {
  public RuleOutcome {
    emissions = List.copyOf(emissions);
  }
}
