package io.campusguard.gateway.rules;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.profile.ProfileOverrides;
import io.campusguard.gateway.ingest.RulesHook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plugs {@link LocalRules} into the ingest pipeline ({@link RulesHook}), which calls it on connector threads:
 * every call is serialised here, and none blocks for longer than the rules take (microseconds, no I/O).
 * Time-driven alarms come from {@link #onTick()}, which the gateway's {@link RulesTicker} calls when
 * {@link #untilNextDeadline()} has passed and appends to the outbox itself.
 *
 * <p>The hook's decision has no place for lateness: a late message is still stored with its own
 * {@code sourceTs} next to the {@code gatewayTs} of the envelope, from which the hub sees the same delay;
 * {@link #lateCount()} counts them here.
 */
public final class LocalRulesHook implements RulesHook {
  private final LocalRules rules;
  private final Clock clock;
  private final ProfileOverrides profiles;

  public LocalRulesHook(LocalRules rules, Clock clock) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.profiles = rules.config().overrides();
  }

  /** The rules of {@code config}, on {@code clock}. */
  public static LocalRulesHook of(LocalRulesConfig config, Clock clock) {
    return new LocalRulesHook(new LocalRules(config, clock), clock);
  }

  /** Judges one message; {@code now} is ignored in favour of the rules' own clock (the same one, wired once). */
  @Override
  public synchronized Decision apply(DeviceMessage message, Instant now) {
    RuleOutcome outcome = rules.onMessage(message);
    List<DeviceMessage> extra = new ArrayList<>(outcome.emissions().size());
    for (Emission e : outcome.emissions()) {
      if (e.message() != message) {
        extra.add(e.message());
      }
    }
    return new Decision(outcome.forwarded(), extra);
  }

  @Override
  public synchronized List<DeviceMessage> onTick() {
    return rules.onTick().stream().map(Emission::message).toList();
  }

  @Override
  public synchronized Optional<Duration> untilNextDeadline() {
    Instant now = clock.instant();
    return rules.nextDeadline().map(d -> d.isAfter(now) ? Duration.between(now, d) : Duration.ZERO);
  }

  @Override
  public ProfileOverrides profiles() {
    return profiles;
  }

  public synchronized long lateCount() {
    return rules.counters().late();
  }

  public synchronized RuleCounters counters() {
    return rules.counters();
  }
}
