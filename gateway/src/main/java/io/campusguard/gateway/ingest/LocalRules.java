package io.campusguard.gateway.ingest;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.body.DeviceHeartbeat;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The hook for the gateway's local rules (thresholds, debounce, liveness): it sees every accepted device
 * message before it is written to the outbox, and says whether to forward it and which events of its own
 * (usually {@code LocalAlarm}s, as {@link DeviceMessage}s of kind {@code alarm}) to write with it.
 *
 * <p>Called on the thread that delivered the message (a connector's thread); an implementation must be
 * thread-safe and must not block. Alarms the rules raise on their own timers go through the outbox directly.
 */
@FunctionalInterface
public interface LocalRules {

  /** What to do with one message. */
  Decision apply(DeviceMessage message, Instant now);

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
  LocalRules PASS_THROUGH = (message, now) -> message.body() instanceof DeviceHeartbeat ? Decision.SKIP : Decision.FORWARD;
}
