package io.campusguard.gateway.ingest;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.profile.ProfileOverrides;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the gateway's local rules meet the ingest pipeline: the pipeline asks {@link #apply} about every accepted
 * device message before it is written to the outbox (forward it or not, and which events of the rules' own, usually
 * {@code LocalAlarm}s, to write with it), and the gateway's timer asks {@link #onTick} what the passing of time
 * decided (a device gone silent, a threshold held on) when {@link #untilNextDeadline} has passed.
 *
 * <p>{@link #apply} is called on the thread that delivered the message (a connector's thread); an implementation
 * must be thread-safe and must not block. The rules engine itself is {@link io.campusguard.gateway.rules.LocalRules};
 * {@link io.campusguard.gateway.rules.LocalRulesHook} plugs it in here.
 */
public interface RulesHook {

  /** What to do with one message. */
  Decision apply(DeviceMessage message, Instant now);

  /** What the passing of time decided; the gateway appends each to the outbox. None without time-driven rules. */
  default List<DeviceMessage> onTick() {
    return List.of();
  }

  /** How long until {@link #onTick} has something to do (zero when overdue); empty when nothing is pending. */
  default Optional<Duration> untilNextDeadline() {
    return Optional.empty();
  }

  /** The device profiles these rules run that differ from the county's defaults, for the heartbeat. */
  default ProfileOverrides profiles() {
    return ProfileOverrides.NONE;
  }

  /**
   * @param forward whether the message itself goes to the outbox
   * @param extra events the rules add, written in the same group commit, after the message
   */
  record Decision(boolean forward, List<DeviceMessage> extra) {
    public static final Decision FORWARD = new Decision(true, List.of());
    public static final Decision SKIP = new Decision(false, List.of());

    public Decision {
      extra = List.copyOf(Objects.requireNonNull(extra, "extra"));
    }
  }

  /** No rules: every message is forwarded except device heartbeats, which only feed liveness rules. */
  RulesHook PASS_THROUGH = (message, now) -> message.body() instanceof DeviceHeartbeat ? Decision.SKIP : Decision.FORWARD;
}
