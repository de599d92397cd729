package io.campusguard.devices.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campusguard.devices.Ids;
import io.campusguard.devices.Priority;
import io.campusguard.devices.Rejection.Reason;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.profile.DeviceProfile;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.profile.ProfileOverrides;
import io.campusguard.devices.profile.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON form of a device profile (durations in milliseconds), as a gateway's heartbeat carries it and the hub shows it. */
public final class ProfileJson {
  static final int MAX_THRESHOLDS = 8;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ProfileJson() {}

  public static ObjectNode write(DeviceProfile p) {
    ObjectNode o = JSON.objectNode()
        .put("type", WireNames.of(p.type()))
        .put("priority", p.priority().name())
        .put("reportingIntervalMs", p.reportingInterval().toMillis())
        .put("missedReportsAllowed", p.missedReportsAllowed())
        .put("silenceLimitMs", p.silenceLimit().toMillis())
        .put("parentSuppression", p.parentSuppression());
    if (p.debounce() != null) {
      o.put("debounceMs", p.debounce().toMillis());
    }
    ArrayNode ts = o.putArray("thresholds");
    for (Threshold t : p.thresholds()) {
      ts.addObject().put("alarmType", t.alarmType()).put("direction", WireNames.of(t.direction())).put("raiseAt", t.raiseAt())
          .put("clearAt", t.clearAt()).put("raiseAfterMs", t.raiseAfter().toMillis()).put("clearAfterMs", t.clearAfter().toMillis());
    }
    return o;
  }

  static ObjectNode write(ProfileOverrides overrides) {
    ObjectNode o = JSON.objectNode();
    ObjectNode types = o.putObject("types");
    new TreeMap<>(overrides.types()).forEach((t, p) -> types.set(WireNames.of(t), write(p)));
    ObjectNode devices = o.putObject("devices");
    new TreeMap<>(overrides.devices()).forEach((d, p) -> devices.set(d, write(p)));
    return o;
  }

  static ProfileOverrides readOverrides(FieldReader r) {
    Map<DeviceType, DeviceProfile> types = new EnumMap<>(DeviceType.class);
    if (r.has("types")) {
      FieldReader tr = r.object("types");
      for (Iterator<Map.Entry<String, JsonNode>> it = tr.fields(); it.hasNext(); ) {
        String name = it.next().getKey();
        DeviceType type = WireNames.parse(DeviceType.class, name)
            .orElseThrow(() -> new RejectedInput(tr.path(name), Reason.UNKNOWN_VALUE, "not a device type"));
        DeviceProfile p = read(tr.object(name));
        if (p.type() != type) {
          throw new RejectedInput(tr.path(name), Reason.UNKNOWN_VALUE, "a profile for " + WireNames.of(p.type()));
        }
        types.put(type, p);
      }
    }
    Map<String, DeviceProfile> devices = new HashMap<>();
    if (r.has("devices")) {
      FieldReader dr = r.object("devices");
      for (Iterator<Map.Entry<String, JsonNode>> it = dr.fields(); it.hasNext(); ) {
        String id = it.next().getKey();
        if (!Ids.isValid(id)) {
          throw new RejectedInput(dr.path("id"), Reason.INVALID_ID, "not an allowed id " + FieldReader.preview(id));
        }
        if (devices.size() == ProfileOverrides.MAX_DEVICES) {
          throw new RejectedInput(r.path("devices"), Reason.OUT_OF_RANGE, "more than " + ProfileOverrides.MAX_DEVICES);
        }
        devices.put(id, read(dr.object(id)));
      }
    }
    return new ProfileOverrides(types, devices);
  }

  private static DeviceProfile read(FieldReader r) {
    List<Threshold> thresholds = new ArrayList<>();
    if (r.has("thresholds")) {
      JsonNode list = r.required("thresholds");
      if (!list.isArray()) {
        throw r.wrongType("thresholds", "an array", list);
      }
      if (list.size() > MAX_THRESHOLDS) {
        throw new RejectedInput(r.path("thresholds"), Reason.OUT_OF_RANGE, "more than " + MAX_THRESHOLDS);
      }
      for (int i = 0; i < list.size(); i++) {
        FieldReader t = FieldReader.of(list.get(i), r.path("thresholds[" + i + "]"));
        try {
          thresholds.add(new Threshold(t.id("alarmType"), t.enumValue("direction", Threshold.Direction.class), t.finiteNumber("raiseAt"),
              t.finiteNumber("clearAt"), millis(t, "raiseAfterMs"), millis(t, "clearAfterMs")));
        } catch (IllegalArgumentException e) {
          throw new RejectedInput(t.path("threshold"), Reason.OUT_OF_RANGE, e.getMessage());
        }
      }
    }
    try {
      return new DeviceProfile(
          r.enumValue("type", DeviceType.class),
          priority(r),
          Duration.ofMillis(r.integerInRange("reportingIntervalMs", 1, Long.MAX_VALUE / 4)),
          (int) r.integerInRange("missedReportsAllowed", 1, 1_000),
          thresholds,
          r.has("debounceMs") ? millis(r, "debounceMs") : null,
          !r.has("parentSuppression") || r.required("parentSuppression").asBoolean(true));
    } catch (IllegalArgumentException e) {
      throw new RejectedInput(r.path("profile"), Reason.OUT_OF_RANGE, e.getMessage());
    }
  }

  private static Priority priority(FieldReader r) {
    String s = r.text("priority");
    for (Priority p : Priority.values()) {
      if (p.name().equals(s)) {
        return p;
      }
    }
    throw new RejectedInput(r.path("priority"), Reason.UNKNOWN_VALUE, FieldReader.preview(s) + " is not P0..P3");
  }

  private static Duration millis(FieldReader r, String field) {
    return Duration.ofMillis(r.integerInRange(field, 0, Long.MAX_VALUE / 4));
  }
}
