package io.campusguard.gateway.rules;

import io.campusguard.devices.DeviceMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plugs {@link LocalRules} into the ingest pipeline's hook ({@link io.campusguard.gateway.ingest.LocalRules}),
 * which is called on connector threads: every call is serialised here, and none blocks for longer than the
 * rules take (microseconds, no I/O). Time-driven alarms come from {@link #onTick()}, which the gateway calls
 * when {@link #untilNextDeadline()} has passed and appends to the outbox itself.
 *
 * <p>The hook's decision has no place for lateness: a late message is still stored with its own
 * {@code sourceTs} next to the {@code gatewayTs} of the envelope, from which the hub sees the same delay;
 * {@link #lateCount()} counts them here.
 */
public final class IngestRulesHook implements io.campusguard.gateway.ingest.LocalRules {
  private final LocalRules rules;
  private final java.time.Clock clock;

  public IngestRulesHook(LocalRules rules, java.time.Clock clock) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
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

  /** What the passing of time decided (liveness, thresholds held on, settled flaps): append each to the outbox. */
  public synchronized List<DeviceMessage> onTick() {
    return rules.onTick().stream().map(Emission::message).toList();
  }

  /** How long until {@link #onTick()} has something to do (zero when overdue); empty when nothing is pending. */
  public synchronized Optional<Duration> untilNextDeadline() {
    Instant now = clock.instant();
    return rules.nextDeadline().map(d -> d.isAfter(now) ? Duration.between(now, d) : Duration.ZERO);
  }

  public synchronized long lateCount() {
    return rules.counters().late();
  }

  public synchronized RuleCounters counters() {
    return rules.counters();
  }
}
