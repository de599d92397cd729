package io.campusguard.devices.body;

import io.campusguard.devices.EventKind;
import java.util.Objects;

/** A one-touch emergency alarm button (一键报警): pressed, cleared, tampered with, or its periodic self-test. */
public record PanicEvent(Action action) implements EventBody {
  public PanicEvent {
    Objects.requireNonNull(action, "action");
  }

  public enum Action {
    PRESSED,
    CLEARED,
    TAMPER,
    SELF_TEST
  }

  @Override
  public EventKind kind() {
    return EventKind.PANIC;
  }
}
