package io.campusguard.hub.alarms;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Priority;
import io.campusguard.devices.PriorityPolicy;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Which events open or clear which alarms. A pressed panic button opens a P0 panic alarm; a tampered one a P0
 * tamper alarm; camera states open and clear camera alarms; the gateway's local rules raise and clear theirs
 * by name. While a campus's link is lost, device-liveness alarms from it are suppressed. A press made while the
 * campus is in test mode is recorded as a test instead of raising the panic alarm.
 */
public final class AlarmRules {
  private final Duration lateBound;
  private final Predicate<String> campusLinkLost;
  private final BiPredicate<String, Instant> panicTestMode;

  /** Without test mode: every press is an emergency. */
  public AlarmRules(Duration lateBound, Predicate<String> campusLinkLost) {
    this(lateBound, campusLinkLost, (campus, at) -> false);
  }

  /**
   * @param lateBound beyond this between source and hub an alarm is marked late
   * @param campusLinkLost whether supervision currently holds a campus's link as lost
   * @param panicTestMode whether a campus's panic buttons were in test mode at a press's source time
   */
  public AlarmRules(Duration lateBound, Predicate<String> campusLinkLost, BiPredicate<String, Instant> panicTestMode) {
    this.lateBound = Objects.requireNonNull(lateBound, "lateBound");
    this.campusLinkLost = Objects.requireNonNull(campusLinkLost, "campusLinkLost");
    this.panicTestMode = Objects.requireNonNull(panicTestMode, "panicTestMode");
  }

  /** The alarm signals {@code e}, stored at {@code hubTs}, gives; most events give none. */
  public List<AlarmSignal> signalsFor(EventEnvelope e, Instant hubTs) {
    Lateness lateness = Lateness.of(e.sourceTs(), hubTs, lateBound);
    List<AlarmSignal> signals = derive(e, lateness);
    // Judged by when the button was pressed, not when it arrived: a test press delivered late after an outage is
    // still a test. Only the press itself: a tamper during a test is still someone forcing the button.
    if (e.body() instanceof PanicEvent p && p.action() == PanicEvent.Action.PRESSED && panicTestMode.test(e.campus(), e.sourceTs())) {
      return List.of(new AlarmSignal(e.campus(), e.device(), AlarmTypes.PANIC, Priority.P0, AlarmSignal.Edge.TEST, e.sourceTs(), e.id(),
          "test press", lateness));
    }
    if (campusLinkLost.test(e.campus())) {
      return signals.stream().filter(s -> !AlarmTypes.DEVICE_LIVENESS.contains(s.type())).toList();
    }
    return signals;
  }

  /** Whether {@code e} can give a signal at all: only such events are marked pending for the alarm engine. */
  public static boolean mayRaise(EventEnvelope e) {
    return !derive(e, Lateness.ON_TIME).isEmpty();
  }

  private static List<AlarmSignal> derive(EventEnvelope e, Lateness lateness) {
    if (e.body() instanceof PanicEvent p) {
      switch (p.action()) {
        case PRESSED:
          return List.of(raise(e, AlarmTypes.PANIC, Priority.P0, "panic button pressed", lateness));
        case TAMPER:
          return List.of(raise(e, AlarmTypes.PANIC_TAMPER, Priority.P0, "panic button tampered with", lateness));
        default:
          // A button reset or self-test does not end an emergency: a person resolves a panic alarm.
          return List.of();
      }
    }
    if (e.body() instanceof CameraStatus c) {
      switch (c.state()) {
        case OFFLINE:
          return List.of(raise(e, AlarmTypes.CAMERA_OFFLINE, Priority.P1, nvrNote(c), lateness));
        case VIDEO_LOSS:
          return List.of(raise(e, AlarmTypes.VIDEO_LOSS, Priority.P1, nvrNote(c), lateness));
        case TAMPER:
          return List.of(raise(e, AlarmTypes.CAMERA_TAMPER, Priority.P1, nvrNote(c), lateness));
        case RECORDING_FAILURE:
          return List.of(raise(e, AlarmTypes.RECORDING_FAILURE, Priority.P1, nvrNote(c), lateness));
        case ONLINE:
          // Back online ends the loss of picture, not a tamper: someone must look at a moved camera.
          return List.of(
              clear(e, AlarmTypes.CAMERA_OFFLINE, lateness),
              clear(e, AlarmTypes.VIDEO_LOSS, lateness),
              clear(e, AlarmTypes.RECORDING_FAILURE, lateness));
        default:
          return List.of();
      }
    }
    if (e.body() instanceof LocalAlarm a) {
      Priority severity = PriorityPolicy.P0_ALARM_TYPES.contains(a.type()) ? Priority.P0 : Priority.P1;
      String detail = a.detail().isEmpty() && a.value() != null ? "value " + a.value() : a.detail();
      return a.transition() == LocalAlarm.Transition.RAISED
          ? List.of(raise(e, a.type(), severity, detail, lateness))
          : List.of(new AlarmSignal(e.campus(), e.device(), a.type(), severity, AlarmSignal.Edge.CLEAR, e.sourceTs(), e.id(), detail, lateness));
    }
    return List.of();
  }

  private static AlarmSignal raise(EventEnvelope e, String type, Priority severity, String detail, Lateness lateness) {
    return new AlarmSignal(e.campus(), e.device(), type, severity, AlarmSignal.Edge.RAISE, e.sourceTs(), e.id(), detail, lateness);
  }

  private static AlarmSignal clear(EventEnvelope e, String type, Lateness lateness) {
    return new AlarmSignal(e.campus(), e.device(), type, Priority.P1, AlarmSignal.Edge.CLEAR, e.sourceTs(), e.id(), "back online", lateness);
  }

  private static String nvrNote(CameraStatus c) {
    return c.nvr() == null ? "" : "NVR " + c.nvr();
  }
}
