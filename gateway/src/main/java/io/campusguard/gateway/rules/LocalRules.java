package io.campusguard.gateway.rules;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.profile.Threshold;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The gateway's local rules for one campus, as plain Java: duration thresholds with hysteresis, debounce of
 * flapping state inputs, liveness per device with one alarm for a silent parent, and marking of late events.
 *
 * <p>The caller feeds every decoded device message to {@link #onMessage} and calls {@link #onTick} when the
 * time given by {@link #nextDeadline} has come (one timer, re-armed after each call; no polling). Both return
 * what to append to the outbox. Time comes from the injected {@link Clock} only.
 *
 * <p>Time lines: liveness uses the gateway's clock (arrival), so a device with a wrong clock is not called
 * offline; threshold durations use the readings' own {@code sourceTs} (clamped so that a series never runs
 * backwards nor ahead of the gateway's clock), so readings replayed after an outage are judged when they
 * happened. Alarms carry the moment they became true as {@code sourceTs}.
 *
 * <p>Not thread-safe: confine an instance to one thread (the pipeline's event loop). Never blocks.
 */
public final class LocalRules {
  private final LocalRulesConfig config;
  private final Clock clock;
  private final Map<String, SupervisedDevice> register = new HashMap<>();
  private final Map<String, DeviceType> types = new HashMap<>();
  private final Map<String, List<ThresholdTracker>> thresholds = new HashMap<>();
  private final Map<String, Instant> lastObserved = new HashMap<>();
  private final Map<String, StateDebouncer> debouncers = new HashMap<>();
  private final LivenessSupervisor liveness = new LivenessSupervisor();
  /** For tests: scan every device after every message, as before {@link #quietUntil} existed. */
  private final boolean scanEveryMessage;
  /**
   * Before this instant no time-driven rule has anything to do (a lower bound of every deadline), so a message
   * need not scan all devices: only its own device's deadlines can move it earlier. Null: unknown, scan.
   */
  private Instant quietUntil;
  private long messages;
  private long heartbeatsConsumed;
  private long heldByDebounce;
  private long late;
  private long unjudged;
  private long alarms;

  public LocalRules(LocalRulesConfig config, Clock clock) {
    this(config, clock, false);
  }

  /** As {@link #LocalRules(LocalRulesConfig, Clock)}; {@code scanEveryMessage} for tests comparing both ways. */
  LocalRules(LocalRulesConfig config, Clock clock, boolean scanEveryMessage) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scanEveryMessage = scanEveryMessage;
    Instant now = clock.instant();
    for (SupervisedDevice d : config.devices()) {
      register.put(d.deviceId(), d);
      if (d.type() != null) {
        types.put(d.deviceId(), d.type());
      }
      liveness.track(d.deviceId(), silenceLimit(d.deviceId(), d.type()), now);
    }
    for (SupervisedDevice d : config.devices()) {
      if (d.parent() != null && !liveness.isTracked(d.parent())) {
        throw new IllegalArgumentException("devices: parent " + d.parent() + " of " + d.deviceId() + " is not listed");
      }
      if (d.type() == null || config.profile(d.deviceId(), d.type()).parentSuppression()) {
        liveness.setParent(d.deviceId(), d.parent()); // without it, the device raises its own alarm when its parent is silent
      }
    }
  }

  /** Judges one device message, as of the clock's now. */
  public RuleOutcome onMessage(DeviceMessage m) {
    Instant now = clock.instant();
    messages++;
    List<DeviceMessage> out = new ArrayList<>();
    String device = m.device();
    Optional<DeviceType> type = typeOf(device, m.body());
    // A listed device is supervised even when its type is unknown (a switch); others need a type and room.
    boolean supervised =
        liveness.isTracked(device) || (type.isPresent() && liveness.size() < config.maxDevices());
    if (!supervised) {
      unjudged++;
      if (!(m.body() instanceof DeviceHeartbeat) || config.forwardHeartbeats()) {
        out.add(m);
      } else {
        heartbeatsConsumed++;
      }
      out.addAll(advanceIfDue(now));
      return outcome(m, out, now);
    }
    int trackedBefore = liveness.size();
    String parentBefore = liveness.parentOf(device);
    if (type.isPresent()) {
      types.putIfAbsent(device, type.get());
      liveness.track(device, silenceLimit(device, type.get()), now);
    }
    learnParent(device, m.body(), now);
    List<LivenessSupervisor.LivenessAlarm> heard = liveness.onSeen(device, now);
    heard.forEach(a -> out.add(alarm(a.device(), a.alarm(), a.at())));
    // What this message changes beyond its own device's timers (a new device, a new parent link, a device
    // heard again, a parent heard, whose children's verdicts depend on it) may bring others' deadlines forward.
    boolean othersAffected = liveness.size() != trackedBefore || !Objects.equals(parentBefore, liveness.parentOf(device))
        || !heard.isEmpty() || liveness.isParent(device);

    Instant observedAt = observedAt(device, m.sourceTs(), now);
    if (m.body() instanceof DeviceHeartbeat && !config.forwardHeartbeats()) {
      heartbeatsConsumed++;
    } else {
      Optional<String> state = stateOf(m.body());
      Duration window = config.debounceWindow(device, type.orElse(null));
      if (state.isPresent() && !window.isZero()) {
        List<DeviceMessage> passed =
            debouncers
                .computeIfAbsent(device, d -> new StateDebouncer(window))
                .onMessage(m, state.get(), now);
        if (!passed.contains(m)) {
          heldByDebounce++;
        }
        out.addAll(passed);
      } else {
        out.add(m);
      }
    }
    OptionalDouble value = type.isPresent() ? judgedValue(type.get(), m.body()) : OptionalDouble.empty();
    if (value.isPresent()) {
      for (ThresholdTracker t : trackers(device, type.get())) {
        t.onReading(value.getAsDouble(), observedAt).ifPresent(d -> out.add(thresholdAlarm(device, t, d)));
      }
    }
    if (othersAffected) {
      quietUntil = null;
    } else {
      noteDeadlinesOf(device);
    }
    out.addAll(advanceIfDue(now));
    return outcome(m, out, now);
  }

  /** Lets time pass: liveness alarms, thresholds whose duration ran out, and flaps that settled. */
  public List<Emission> onTick() {
    Instant now = clock.instant();
    List<DeviceMessage> out = advance(now);
    quietUntil = nextDeadline(now).orElse(Instant.MAX);
    return emissions(out, now);
  }

  /**
   * When {@link #onTick} next has something to do: schedule one timer for then (a past instant means now).
   * Empty when nothing is pending; call again after every {@link #onMessage} and {@link #onTick}.
   */
  public Optional<Instant> nextDeadline() {
    return nextDeadline(clock.instant());
  }

  private Optional<Instant> nextDeadline(Instant now) {
    Instant best = liveness.nextDeadline(now).orElse(null);
    for (StateDebouncer d : debouncers.values()) {
      best = earlier(best, d.deadline().orElse(null));
    }
    for (Map.Entry<String, List<ThresholdTracker>> e : thresholds.entrySet()) {
      if (liveness.isSilent(e.getKey(), now)) {
        continue; // a silent device's last value is not held past its silence
      }
      for (ThresholdTracker t : e.getValue()) {
        best = earlier(best, t.deadline().orElse(null));
      }
    }
    return Optional.ofNullable(best);
  }

  public LocalRulesConfig config() {
    return config;
  }

  public RuleCounters counters() {
    return new RuleCounters(messages, heartbeatsConsumed, heldByDebounce, late, unjudged, alarms);
  }

  /**
   * {@link #advance} when something may be due, else nothing: until {@link #quietUntil} the scan of every
   * device's timers would find nothing (that scan per message was the largest cost of a busy gateway's rules).
   */
  private List<DeviceMessage> advanceIfDue(Instant now) {
    if (!scanEveryMessage && quietUntil != null && now.isBefore(quietUntil)) {
      return List.of();
    }
    List<DeviceMessage> out = advance(now);
    quietUntil = nextDeadline(now).orElse(Instant.MAX);
    return out;
  }

  /** Brings {@link #quietUntil} forward to the device's own new deadlines (a flap under way, a run started). */
  private void noteDeadlinesOf(String device) {
    if (quietUntil == null) {
      return;
    }
    quietUntil = earlier(quietUntil, liveness.deadlineOf(device)); // later than before, unless its limit changed
    StateDebouncer d = debouncers.get(device);
    if (d != null) {
      quietUntil = earlier(quietUntil, d.deadline().orElse(null));
    }
    for (ThresholdTracker t : thresholds.getOrDefault(device, List.of())) {
      quietUntil = earlier(quietUntil, t.deadline().orElse(null));
    }
  }

  private List<DeviceMessage> advance(Instant now) {
    List<DeviceMessage> out = new ArrayList<>();
    for (StateDebouncer d : debouncers.values()) {
      out.addAll(d.onTime(now));
    }
    liveness.onTime(now).forEach(a -> out.add(alarm(a.device(), a.alarm(), a.at())));
    for (Map.Entry<String, List<ThresholdTracker>> e : thresholds.entrySet()) {
      if (liveness.isSilent(e.getKey(), now)) {
        continue;
      }
      for (ThresholdTracker t : e.getValue()) {
        t.onTime(now).ifPresent(d -> out.add(thresholdAlarm(e.getKey(), t, d)));
      }
    }
    return out;
  }

  private RuleOutcome outcome(DeviceMessage m, List<DeviceMessage> out, Instant now) {
    return new RuleOutcome(out.contains(m), emissions(out, now));
  }

  private List<Emission> emissions(List<DeviceMessage> out, Instant now) {
    List<Emission> result = new ArrayList<>(out.size());
    for (DeviceMessage m : out) {
      Duration behind = Duration.between(m.sourceTs(), now);
      boolean isLate = behind.compareTo(config.lateAfter()) > 0;
      if (isLate) {
        late++;
      }
      result.add(new Emission(m, isLate ? behind : Duration.ZERO));
    }
    return result;
  }

  private DeviceMessage alarm(String device, LocalAlarm alarm, Instant at) {
    alarms++;
    return new DeviceMessage(config.campus(), device, EventKind.ALARM, at, alarm);
  }

  private DeviceMessage thresholdAlarm(String device, ThresholdTracker t, ThresholdTracker.Decision d) {
    Threshold th = t.threshold();
    String side = th.direction() == Threshold.Direction.ABOVE ? "above" : "below";
    String back = th.direction() == Threshold.Direction.ABOVE ? "below" : "above";
    String detail =
        d.transition() == LocalAlarm.Transition.RAISED
            ? side + " " + th.raiseAt() + " for " + d.heldFor()
            : "back " + back + " " + th.clearAt() + " for " + d.heldFor();
    return alarm(device, new LocalAlarm(th.alarmType(), d.transition(), d.value(), detail), d.at());
  }

  private Optional<DeviceType> typeOf(String device, EventBody body) {
    DeviceType known = types.get(device);
    if (known != null) {
      return Optional.of(known);
    }
    if (body instanceof DeviceHeartbeat h) {
      // Only the panic kind has a single type; other heartbeats need the register to say.
      return h.deviceKind() == EventKind.PANIC ? Optional.of(DeviceType.PANIC_BUTTON) : Optional.empty();
    }
    return DeviceType.inferFrom(body);
  }

  private Duration silenceLimit(String device, DeviceType type) {
    SupervisedDevice listed = register.get(device);
    if (listed != null && listed.silenceLimit() != null) {
      return listed.silenceLimit();
    }
    return config.profile(device, type).silenceLimit();
  }

  /** A camera names its NVR; the register's parent, when there is one, wins. */
  private void learnParent(String device, EventBody body, Instant now) {
    SupervisedDevice listed = register.get(device);
    if (listed != null && listed.parent() != null) {
      return;
    }
    if (body instanceof CameraStatus c && c.role() == CameraStatus.Role.CAMERA && c.nvr() != null) {
      if (!liveness.isTracked(c.nvr()) && liveness.size() >= config.maxDevices()) {
        return;
      }
      types.putIfAbsent(c.nvr(), DeviceType.NVR);
      liveness.track(c.nvr(), silenceLimit(c.nvr(), types.get(c.nvr())), now);
      if (config.profile(device, DeviceType.CAMERA).parentSuppression()) {
        liveness.setParent(device, c.nvr());
      }
    }
  }

  /** The reading's time on its series: its own sourceTs, but never before the previous one nor after now. */
  private Instant observedAt(String device, Instant sourceTs, Instant now) {
    Instant at = sourceTs.isAfter(now) ? now : sourceTs;
    Instant previous = lastObserved.get(device);
    if (previous != null && at.isBefore(previous)) {
      at = previous;
    }
    lastObserved.put(device, at);
    return at;
  }

  private List<ThresholdTracker> trackers(String device, DeviceType type) {
    return thresholds.computeIfAbsent(
        device,
        d -> config.profile(device, type).thresholds().stream().map(ThresholdTracker::new).toList());
  }

  /** The value a device type's thresholds judge, when this body carries it. */
  private static OptionalDouble judgedValue(DeviceType type, EventBody body) {
    if (body instanceof CanteenReading r && DeviceType.inferFrom(r).orElse(null) == type) {
      return OptionalDouble.of(r.value());
    }
    if (body instanceof ClassroomHealth h && h.temperatureC() != null) {
      return OptionalDouble.of(h.temperatureC());
    }
    return OptionalDouble.empty();
  }

  /** The state of a flapping-prone input, for debounce; empty for everything else (never a panic button). */
  private static Optional<String> stateOf(EventBody body) {
    if (body instanceof CameraStatus c) {
      return Optional.of(c.state().name());
    }
    if (body instanceof CanteenReading r && r.quantity() == CanteenReading.Quantity.DOOR_OPEN) {
      return Optional.of(r.value() > 0.5 ? "open" : "closed");
    }
    return Optional.empty();
  }

  private static Instant earlier(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
