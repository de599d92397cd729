package io.campusguard.devices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The published JSON Schema (draft 2020-12) of each device kind's payload, for vendors and integrators: the
 * gateway serves them at {@code /schemas/{kind}.json} and the distribution ships them in {@code schemas/}.
 * {@code DeviceSchemasAgreementTest} holds each one to what {@link io.campusguard.devices.codec.EventCodec}
 * accepts; the differences a schema cannot express are listed in the guide's device-message reference.
 */
public final class DeviceSchemas {
  private static final String FOLDER = "/io/campusguard/devices/schemas/";

  private DeviceSchemas() {}

  /** The kinds that have a schema: those devices publish. */
  public static List<EventKind> kinds() {
    return Arrays.stream(EventKind.values()).filter(EventKind::isDeviceKind).toList();
  }

  /** The schema's file name, {@code panic.json}. */
  public static String fileName(EventKind kind) {
    return kind.wireName() + ".json";
  }

  /** The schema for a kind given by its wire name, or empty when no device kind has that name. */
  public static Optional<byte[]> forWireName(String kind) {
    return EventKind.fromWire(kind).filter(EventKind::isDeviceKind).map(DeviceSchemas::of);
  }

  public static byte[] of(EventKind kind) {
    if (!kind.isDeviceKind()) {
      throw new IllegalArgumentException("kind: " + kind.wireName() + " is not published by devices");
    }
    try (InputStream in = DeviceSchemas.class.getResourceAsStream(FOLDER + fileName(kind))) {
      if (in == null) {
        throw new IllegalStateException("schema " + fileName(kind) + " missing from the devices jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
