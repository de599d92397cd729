package io.campusguard.devices.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Ids;
import io.campusguard.devices.Priority;
import io.campusguard.devices.Rejection.Reason;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of every body, both ways. A device payload and an envelope's {@code body} share it, so a
 * device's fields read the same wherever they are.
 */
final class BodyJson {
  static final String HEARTBEAT = "heartbeat";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int MAX_CONNECTORS = 32;

  private BodyJson() {}

  static EventBody read(EventKind kind, FieldReader r) {
    if (r.has(HEARTBEAT)) {
      JsonNode hb = r.required(HEARTBEAT);
      if (!hb.isBoolean() || !hb.booleanValue()) {
        throw r.wrongType(HEARTBEAT, "true", hb);
      }
      if (!kind.isDeviceKind()) {
        throw new RejectedInput(r.path(HEARTBEAT), Reason.UNKNOWN_VALUE, kind.wireName() + " has no device heartbeat");
      }
      return new DeviceHeartbeat(kind);
    }
    switch (kind) {
      case PANIC:
        return new PanicEvent(r.enumValue("action", PanicEvent.Action.class));
      case CAMERA:
        return new CameraStatus(
            r.optionalEnum("role", CameraStatus.Role.class, CameraStatus.Role.CAMERA),
            r.enumValue("state", CameraStatus.State.class),
            r.optionalId("nvr"));
      case CANTEEN:
        return readCanteen(r);
      case CLASSROOM:
        return new ClassroomHealth(
            r.enumValue("deviceType", ClassroomHealth.DeviceType.class),
            r.nonNegative("powerOnHours"),
            r.optionalNonNegative("lampHours"),
            r.optionalNonNegative("panelHours"),
            r.has("diskHealth") ? (int) r.integerInRange("diskHealth", 0, 100) : null,
            r.optionalCount("bootFailures"),
            r.optionalCount("crashes"),
            r.has("temperature") ? r.numberInRange("temperature", -40, 150) : null,
            r.optionalFreeText("lastFault", ClassroomHealth.MAX_FAULT_LENGTH),
            optionalRoom(r));
      case GATEWAY:
        return readGateway(r);
      case ALARM:
        return new LocalAlarm(
            r.id("type"),
            r.enumValue("transition", LocalAlarm.Transition.class),
            r.optionalFiniteNumber("value"),
            r.optionalFreeText("detail", LocalAlarm.MAX_DETAIL_LENGTH));
      default:
        throw new IllegalStateException("unhandled kind " + kind);
    }
  }

  private static CanteenReading readCanteen(FieldReader r) {
    CanteenReading.Quantity q = r.enumValue("quantity", CanteenReading.Quantity.class);
    double value;
    JsonNode raw = r.required("value");
    if (q == CanteenReading.Quantity.DOOR_OPEN && raw.isBoolean()) {
      value = raw.booleanValue() ? 1 : 0;
    } else {
      value = r.numberInRange("value", q.min(), q.max());
    }
    String unit = r.has("unit") ? r.text("unit") : q.unit();
    if (!q.unit().equals(unit)) {
      throw new RejectedInput(
          r.path("unit"), Reason.UNKNOWN_VALUE, FieldReader.preview(unit) + " is not " + q.unit() + " as " + WireNames.of(q) + " needs");
    }
    return new CanteenReading(q, value, unit);
  }

  private static GatewayHealth readGateway(FieldReader r) {
    Map<Priority, GatewayHealth.LaneStats> lanes = new EnumMap<>(Priority.class);
    if (r.has("lanes")) {
      FieldReader lr = r.object("lanes");
      for (Priority p : Priority.values()) {
        if (lr.has(p.name())) {
          FieldReader l = lr.object(p.name());
          lanes.put(
              p,
              new GatewayHealth.LaneStats(l.nonNegative("depth"), l.nonNegative("oldestAgeMs"), l.nonNegative("dropped")));
        }
      }
    }
    Map<String, GatewayHealth.ConnectorState> connectors = new TreeMap<>();
    if (r.has("connectors")) {
      FieldReader cr = r.object("connectors");
      Iterator<Map.Entry<String, JsonNode>> it = cr.fields();
      while (it.hasNext()) {
        String name = it.next().getKey();
        if (!Ids.isValid(name)) {
          throw new RejectedInput(cr.path("name"), Reason.INVALID_ID, "not an allowed id " + FieldReader.preview(name));
        }
        if (connectors.size() == MAX_CONNECTORS) {
          throw new RejectedInput(r.path("connectors"), Reason.OUT_OF_RANGE, "more than " + MAX_CONNECTORS);
        }
        connectors.put(name, cr.enumValue(name, GatewayHealth.ConnectorState.class));
      }
    }
    Map<String, String> reasons = new TreeMap<>();
    if (r.has("connectorReasons")) {
      FieldReader rr = r.object("connectorReasons");
      Iterator<Map.Entry<String, JsonNode>> it = rr.fields();
      while (it.hasNext()) {
        String name = it.next().getKey();
        if (!connectors.containsKey(name)) {
          throw new RejectedInput(rr.path(name), Reason.UNKNOWN_VALUE, "no such connector in connectors");
        }
        reasons.put(name, rr.optionalFreeText(name, GatewayHealth.MAX_REASON_LENGTH));
      }
      reasons.values().removeIf(java.util.Objects::isNull);
    }
    return new GatewayHealth(
        r.enumValue("state", GatewayHealth.State.class),
        r.id("bootId"),
        lanes,
        r.has("clockOffsetMs") ? r.integer("clockOffsetMs") : 0,
        connectors,
        reasons,
        r.has("deviceInput") ? readDeviceInput(r.object("deviceInput")) : GatewayHealth.DeviceInput.NONE,
        r.has("profiles") ? ProfileJson.readOverrides(r.object("profiles")) : io.campusguard.devices.profile.ProfileOverrides.NONE);
  }

  private static String textOrEmpty(FieldReader r, String field) {
    String s = r.optionalFreeText(field, GatewayHealth.MAX_REASON_LENGTH);
    return s == null ? "" : s;
  }

  private static GatewayHealth.DeviceInput readDeviceInput(FieldReader r) {
    java.util.List<GatewayHealth.Refusal> recent = new java.util.ArrayList<>();
    if (r.has("recent")) {
      JsonNode list = r.required("recent");
      if (!list.isArray()) {
        throw r.wrongType("recent", "an array", list);
      }
      if (list.size() > GatewayHealth.MAX_RECENT_REFUSALS) {
        throw new RejectedInput(r.path("recent"), Reason.OUT_OF_RANGE, "more than " + GatewayHealth.MAX_RECENT_REFUSALS);
      }
      for (int i = 0; i < list.size(); i++) {
        FieldReader x = FieldReader.of(list.get(i), r.path("recent[" + i + "]"));
        recent.add(new GatewayHealth.Refusal(
            x.instant("at"),
            textOrEmpty(x, "source"),
            textOrEmpty(x, "field"),
            textOrEmpty(x, "reason"),
            x.optionalFreeText("detail", GatewayHealth.MAX_REASON_LENGTH)));
      }
    }
    return new GatewayHealth.DeviceInput(
        r.has("refused") ? r.nonNegative("refused") : 0, r.has("brokerRefusals") ? r.nonNegative("brokerRefusals") : 0, recent);
  }

  static ObjectNode write(EventBody body, ObjectNode out) {
    if (body instanceof DeviceHeartbeat) {
      out.put(HEARTBEAT, true);
    } else if (body instanceof PanicEvent p) {
      out.put("action", WireNames.of(p.action()));
    } else if (body instanceof CameraStatus c) {
      out.put("role", WireNames.of(c.role()));
      out.put("state", WireNames.of(c.state()));
      if (c.nvr() != null) {
        out.put("nvr", c.nvr());
      }
    } else if (body instanceof CanteenReading c) {
      out.put("quantity", WireNames.of(c.quantity()));
      out.put("value", c.value());
      out.put("unit", c.unit());
    } else if (body instanceof ClassroomHealth h) {
      out.put("deviceType", WireNames.of(h.deviceType()));
      out.put("powerOnHours", h.powerOnHours());
      putIfPresent(out, "lampHours", h.lampHours());
      putIfPresent(out, "panelHours", h.panelHours());
      if (h.diskHealthPercent() != null) {
        out.put("diskHealth", h.diskHealthPercent());
      }
      out.put("bootFailures", h.bootFailures());
      out.put("crashes", h.crashes());
      if (h.temperatureC() != null) {
        out.put("temperature", h.temperatureC());
      }
      if (h.lastFault() != null) {
        out.put("lastFault", h.lastFault());
      }
      if (h.room() != null) {
        out.put("room", h.room());
      }
    } else if (body instanceof GatewayHealth g) {
      out.put("state", WireNames.of(g.state()));
      out.put("bootId", g.bootId());
      ObjectNode lanes = out.putObject("lanes");
      new TreeMap<>(g.lanes())
          .forEach(
              (p, l) ->
                  lanes.putObject(p.name()).put("depth", l.depth()).put("oldestAgeMs", l.oldestAgeMs()).put("dropped", l.dropped()));
      out.put("clockOffsetMs", g.clockOffsetMs());
      ObjectNode connectors = out.putObject("connectors");
      new TreeMap<>(g.connectors()).forEach((name, state) -> connectors.put(name, WireNames.of(state)));
      if (!g.connectorReasons().isEmpty()) {
        ObjectNode reasons = out.putObject("connectorReasons");
        new TreeMap<>(g.connectorReasons()).forEach(reasons::put);
      }
      if (!g.profiles().equals(io.campusguard.devices.profile.ProfileOverrides.NONE)) {
        out.set("profiles", ProfileJson.write(g.profiles()));
      }
      GatewayHealth.DeviceInput in = g.deviceInput();
      if (!in.equals(GatewayHealth.DeviceInput.NONE)) {
        ObjectNode input = out.putObject("deviceInput").put("refused", in.refused()).put("brokerRefusals", in.brokerRefusals());
        var recent = input.putArray("recent");
        for (GatewayHealth.Refusal x : in.recent()) {
          recent.addObject().put("at", x.at().toString()).put("source", x.source()).put("field", x.field()).put("reason", x.reason())
              .put("detail", x.detail());
        }
      }
    } else if (body instanceof LocalAlarm a) {
      out.put("type", a.type());
      out.put("transition", WireNames.of(a.transition()));
      if (a.value() != null) {
        out.put("value", a.value());
      }
      if (!a.detail().isEmpty()) {
        out.put("detail", a.detail());
      }
    } else {
      throw new IllegalStateException("unhandled body " + body.getClass());
    }
    return out;
  }

  static ObjectNode write(EventBody body) {
    return write(body, JSON.objectNode());
  }

  /** The room a classroom agent reports, optional; when given it must say something. */
  private static String optionalRoom(FieldReader r) {
    String room = r.optionalFreeText("room", ClassroomHealth.MAX_ROOM_LENGTH);
    if (room != null && room.isBlank()) {
      throw new RejectedInput(r.path("room"), Reason.MISSING, "blank");
    }
    return room;
  }

  private static void putIfPresent(ObjectNode out, String field, Long v) {
    if (v != null) {
      out.put(field, v);
    }
  }
}
