package io.campusguard.simulators.bench;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.PriorityPolicy;
import io.campusguard.devices.Topics;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.codec.EventCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the benchmark's devices publish: kinds in the given proportions, spread evenly (smooth weighted round
 * robin, so panic presses are mixed into the telemetry rather than bunched), each from one of a few dozen
 * devices of a campus. Only steady, normal values (cameras online, cold store at 2–5 °C), so the gateway's
 * rules forward every message and add nothing.
 *
 * @param weights messages of each kind per {@code sum(weights)} messages
 */
record DeviceMix(Map<EventKind, Integer> weights) {
  static final String DEFAULT = "canteen=90,camera=4,classroom=5,panic=1";
  private static final List<EventKind> KINDS = List.of(EventKind.CANTEEN, EventKind.CAMERA, EventKind.CLASSROOM, EventKind.PANIC);

  DeviceMix {
    weights = Map.copyOf(weights);
    if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
      throw new IllegalArgumentException("mix: at least one kind needs a positive weight");
    }
  }

  /** Parses {@code canteen=90,camera=4,classroom=5,panic=1}; a kind left out has weight 0. */
  static DeviceMix parse(String text) {
    Map<EventKind, Integer> w = new EnumMap<>(EventKind.class);
    for (String part : text.split(",")) {
      String[] kv = part.trim().split("=");
      EventKind kind = KINDS.stream().filter(k -> k.name().equalsIgnoreCase(kv[0].trim())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("mix: unknown kind '" + kv[0].trim() + "' (canteen, camera, classroom, panic)"));
      int weight;
      try {
        weight = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : -1;
      } catch (NumberFormatException e) {
        weight = -1;
      }
      if (weight < 0) {
        throw new IllegalArgumentException("mix: '" + part.trim() + "' is not kind=non-negative-integer");
      }
      w.put(kind, weight);
    }
    return new DeviceMix(w);
  }

  /** The kinds of {@code sum(weights)} consecutive messages; the whole run repeats this cycle. */
  List<EventKind> cycle() {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    Map<EventKind, Integer> current = new EnumMap<>(EventKind.class);
    List<EventKind> out = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      EventKind best = null;
      for (EventKind k : KINDS) {
        int c = current.getOrDefault(k, 0) + weights.getOrDefault(k, 0);
        current.put(k, c);
        if (weights.getOrDefault(k, 0) > 0 && (best == null || c > current.get(best))) {
          best = k;
        }
      }
      current.put(best, current.get(best) - total);
      out.add(best);
    }
    return out;
  }

  String describe() {
    StringBuilder s = new StringBuilder();
    for (EventKind k : KINDS) {
      if (weights.getOrDefault(k, 0) > 0) {
        s.append(s.length() == 0 ? "" : ",").append(k.name().toLowerCase(Locale.ROOT)).append('=').append(weights.get(k));
      }
    }
    return s.toString();
  }

  /** The {@code n}-th publish of a run of the given kind, stamped {@code ts}. */
  static Publish publish(EventCodec codec, String campus, EventKind kind, long n, Instant ts) {
    String device;
    EventBody body;
    switch (kind) {
      case PANIC -> {
        device = campus + "-PB-" + (n % 20);
        body = new PanicEvent(PanicEvent.Action.PRESSED);
      }
      case CAMERA -> {
        device = campus + "-CAM-" + (n % 40);
        body = new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.ONLINE, null);
      }
      case CLASSROOM -> {
        device = campus + "-PC-" + (n % 60);
        body = new ClassroomHealth(ClassroomHealth.DeviceType.TEACHER_PC, 100, null, null, 90, 0, 0, 40.0, null);
      }
      case CANTEEN -> {
        device = campus + "-CS-" + (n % 100);
        body = CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 2.0 + (n % 3000) / 1000.0);
      }
      default -> throw new IllegalArgumentException("not a device kind of the mix: " + kind);
    }
    return new Publish(Topics.campusDevice(campus, kind, device), device, ts, PriorityPolicy.of(body), codec.encodeDevice(ts, body));
  }

  /** One device publish as the benchmark sends it. */
  record Publish(String topic, String device, Instant ts, Priority priority, byte[] payload) {}
}
