package io.campusguard.gateway.rules;

import io.campusguard.devices.DeviceMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Debounces one device's state input (a door contact, a camera's online state). A change is passed on only
 * once the observed state has stayed unchanged for the window, and then as the last message of that state;
 * a state that flaps away and back within the window passes nothing on. Messages that repeat the settled
 * state pass at once, except while a flap is under way. Not thread-safe.
 */
final class StateDebouncer {
  private final Duration window;
  /** The state last passed on; null until the first message. */
  private String settled;
  private String observed;
  private DeviceMessage latestOfObserved;
  /** When the observed state last changed; null once that change has settled. */
  private Instant changedAt;

  StateDebouncer(Duration window) {
    this.window = Objects.requireNonNull(window, "window");
  }

  /** The messages to pass on now, in order; {@code message} is among them unless it was held or dropped. */
  List<DeviceMessage> onMessage(DeviceMessage message, String state, Instant at) {
    List<DeviceMessage> out = new ArrayList<>(onTime(at));
    if (settled == null) {
      settled = state;
      observed = state;
      out.add(message);
      return out;
    }
    if (!state.equals(observed)) {
      observed = state;
      changedAt = at;
    }
    latestOfObserved = message;
    if (changedAt == null) {
      out.add(message); // a repeat of the settled state, no flap under way
      return out;
    }
    out.addAll(onTime(at)); // a zero window settles at once
    return out;
  }

  /** Passes on a change that has now been stable for the window. */
  List<DeviceMessage> onTime(Instant now) {
    if (changedAt == null || now.isBefore(changedAt.plus(window))) {
      return List.of();
    }
    changedAt = null;
    if (observed.equals(settled)) {
      return List.of(); // flapped back: nothing changed
    }
    settled = observed;
    return List.of(latestOfObserved);
  }

  Optional<Instant> deadline() {
    return changedAt == null ? Optional.empty() : Optional.of(changedAt.plus(window));
  }
}
