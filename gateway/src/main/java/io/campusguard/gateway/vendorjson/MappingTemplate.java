package io.campusguard.gateway.vendorjson;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Ids;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.body.CanteenReading;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a vendor's JSON message with JSON Pointers: the device (through the vendor's device table when it has one),
 * the time, and one reading per mapped value. Never throws on the message: it is mapped whole or refused with the
 * field and reason, so a message is never half stored.
 */
record MappingTemplate(JsonPointer device, JsonPointer timestamp, List<ReadingPointer> readings, Map<String, String> devices) {

  record ReadingPointer(CanteenReading.Quantity quantity, JsonPointer value) {}

  sealed interface Mapped permits Mapped.Readings, Mapped.Refused {
    record Readings(List<DeviceMessage> messages) implements Mapped {}

    record Refused(Rejection rejection) implements Mapped {}
  }

  Mapped map(String campus, JsonNode body, Instant receivedAt) {
    JsonNode d = body.at(device);
    if (!d.isTextual() && !d.isNumber()) {
      return refused(device, Rejection.Reason.MISSING, "no device id at " + device);
    }
    String id = devices.isEmpty() ? d.asText() : devices.get(d.asText());
    if (id == null) {
      return refused(device, Rejection.Reason.UNKNOWN_VALUE, "device " + d.asText() + " is not in the vendor's device table");
    }
    if (!Ids.isValid(id)) {
      return refused(device, Rejection.Reason.INVALID_ID, "not a device id: " + id);
    }
    Instant at = receivedAt;
    if (timestamp != null) {
      JsonNode t = body.at(timestamp);
      if (t.isNumber()) {
        at = Instant.ofEpochMilli(t.asLong());
      } else if (t.isTextual()) {
        try {
          at = Instant.parse(t.asText());
        } catch (DateTimeParseException e) {
          return refused(timestamp, Rejection.Reason.WRONG_TYPE, "not an ISO-8601 time: " + t.asText());
        }
      } else if (!t.isMissingNode()) {
        return refused(timestamp, Rejection.Reason.WRONG_TYPE, "not a time");
      }
    }
    List<DeviceMessage> out = new ArrayList<>();
    for (ReadingPointer r : readings) {
      JsonNode v = body.at(r.value());
      if (v.isMissingNode() || v.isNull()) {
        return refused(r.value(), Rejection.Reason.MISSING, "no value at " + r.value());
      }
      double value;
      if (v.isNumber()) {
        value = v.asDouble();
      } else if (v.isBoolean() && r.quantity() == CanteenReading.Quantity.DOOR_OPEN) {
        value = v.asBoolean() ? 1 : 0;
      } else {
        return refused(r.value(), Rejection.Reason.WRONG_TYPE, "not a number at " + r.value());
      }
      if (!r.quantity().inRange(value)) {
        return refused(r.value(), Rejection.Reason.OUT_OF_RANGE,
            value + " outside " + r.quantity().min() + ".." + r.quantity().max());
      }
      out.add(new DeviceMessage(campus, id, EventKind.CANTEEN, at, CanteenReading.of(r.quantity(), value)));
    }
    return new Mapped.Readings(out);
  }

  private static Mapped refused(JsonPointer where, Rejection.Reason reason, String detail) {
    return new Mapped.Refused(new Rejection(where.toString(), reason, detail));
  }
}
