package io.campusguard.gateway.opcua;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CanteenReading;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * Turns an OPC UA {@link DataValue} into a canteen reading. Never throws: whatever the server sends, the
 * answer is a reading or a {@link Mapped.Bad} with its reason, so a bad value is counted and never kills the
 * subscription callback. Stateless and thread-safe.
 */
final class CanteenValueMapper {
  /** A source timestamp further ahead of the gateway's clock than this is a broken clock: not used. */
  static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  sealed interface Mapped permits Mapped.Reading, Mapped.Bad {
    record Reading(DeviceMessage message) implements Mapped {}

    record Bad(BadValueReason reason, String detail) implements Mapped {}
  }

  private final String campus;

  CanteenValueMapper(String campus) {
    this.campus = campus;
  }

  Mapped map(OpcUaNodeMapping node, DataValue value, Instant receivedAt) {
    try {
      return mapOrThrow(node, value, receivedAt);
    } catch (RuntimeException e) {
      // A value no check above foresaw: still counted, never thrown into Milo's delivery thread.
      return new Mapped.Bad(BadValueReason.WRONG_TYPE, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Mapped mapOrThrow(OpcUaNodeMapping node, DataValue value, Instant receivedAt) {
    if (value == null) {
      return new Mapped.Bad(BadValueReason.NO_VALUE, "no data value");
    }
    StatusCode status = value.getStatusCode() == null ? StatusCode.GOOD : value.getStatusCode();
    if (status.isBad()) {
      return new Mapped.Bad(BadValueReason.BAD_STATUS, "status " + status);
    }
    if (status.isUncertain()) {
      return new Mapped.Bad(BadValueReason.UNCERTAIN_STATUS, "status " + status);
    }
    Variant variant = value.getValue();
    Object raw = variant == null ? null : variant.getValue();
    if (raw == null) {
      return new Mapped.Bad(BadValueReason.NO_VALUE, "null value");
    }
    double v;
    if (raw instanceof Number n) {
      v = n.doubleValue();
    } else if (raw instanceof Boolean b && node.quantity() == CanteenReading.Quantity.DOOR_OPEN) {
      v = b ? 1 : 0;
    } else {
      return new Mapped.Bad(BadValueReason.WRONG_TYPE, "a " + raw.getClass().getSimpleName() + ", not a number");
    }
    if (!Double.isFinite(v)) {
      return new Mapped.Bad(BadValueReason.NOT_FINITE, "value " + v);
    }
    if (!node.quantity().inRange(v)) {
      return new Mapped.Bad(
          BadValueReason.OUT_OF_RANGE,
          "value " + v + " outside " + node.quantity().min() + ".." + node.quantity().max());
    }
    Instant sourceTs = timestamp(value, receivedAt);
    return new Mapped.Reading(
        new DeviceMessage(campus, node.deviceId(), EventKind.CANTEEN, sourceTs, CanteenReading.of(node.quantity(), v)));
  }

  /** The device's own time when it has one, else the server's, else arrival; never far in the future. */
  private static Instant timestamp(DataValue value, Instant receivedAt) {
    for (DateTime t : new DateTime[] {value.getSourceTime(), value.getServerTime()}) {
      if (t != null && t.isValid()) {
        Instant at = t.getJavaInstant();
        if (!at.isAfter(receivedAt.plus(MAX_FUTURE_SKEW))) {
          return at;
        }
      }
    }
    return receivedAt;
  }
}
