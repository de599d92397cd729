package io.campusguard.devices.profile;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.asset.AssetCategory;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.PanicEvent;
import java.util.Optional;

/** The device types a campus has, each with the kind it publishes under and its asset category. */
public enum DeviceType {
  PANIC_BUTTON(EventKind.PANIC, AssetCategory.PANIC_BUTTON),
  CAMERA(EventKind.CAMERA, AssetCategory.CAMERA),
  NVR(EventKind.CAMERA, AssetCategory.NVR),
  COLD_STORE_SENSOR(EventKind.CANTEEN, AssetCategory.CANTEEN_SENSOR),
  FREEZER_SENSOR(EventKind.CANTEEN, AssetCategory.CANTEEN_SENSOR),
  GAS_SENSOR(EventKind.CANTEEN, AssetCategory.CANTEEN_SENSOR),
  HUMIDITY_SENSOR(EventKind.CANTEEN, AssetCategory.CANTEEN_SENSOR),
  DOOR_CONTACT(EventKind.CANTEEN, AssetCategory.CANTEEN_SENSOR),
  MULTIMEDIA_PLATFORM(EventKind.CLASSROOM, AssetCategory.MULTIMEDIA_PLATFORM),
  TEACHER_PC(EventKind.CLASSROOM, AssetCategory.TEACHER_PC),
  STUDENT_PC(EventKind.CLASSROOM, AssetCategory.STUDENT_PC),
  COMPUTER_ROOM_PC(EventKind.CLASSROOM, AssetCategory.COMPUTER_ROOM_PC);

  private final EventKind kind;
  private final AssetCategory category;

  DeviceType(EventKind kind, AssetCategory category) {
    this.kind = kind;
    this.category = category;
  }

  public EventKind kind() {
    return kind;
  }

  public AssetCategory category() {
    return category;
  }

  /**
   * The type a body reveals by itself, when it does (a canteen reading's quantity, a classroom device's type,
   * a camera's role, a panic event). A heartbeat reveals nothing: the device register must say.
   */
  public static Optional<DeviceType> inferFrom(EventBody body) {
    if (body instanceof PanicEvent) {
      return Optional.of(PANIC_BUTTON);
    }
    if (body instanceof CameraStatus c) {
      return Optional.of(c.role() == CameraStatus.Role.NVR ? NVR : CAMERA);
    }
    if (body instanceof CanteenReading r) {
      switch (r.quantity()) {
        case COLD_STORE_TEMPERATURE:
          return Optional.of(COLD_STORE_SENSOR);
        case FREEZER_TEMPERATURE:
          return Optional.of(FREEZER_SENSOR);
        case GAS_CONCENTRATION:
          return Optional.of(GAS_SENSOR);
        case HUMIDITY:
          return Optional.of(HUMIDITY_SENSOR);
        case DOOR_OPEN:
          return Optional.of(DOOR_CONTACT);
        default:
          return Optional.empty();
      }
    }
    if (body instanceof ClassroomHealth h) {
      switch (h.deviceType()) {
        case MULTIMEDIA_PLATFORM:
          return Optional.of(MULTIMEDIA_PLATFORM);
        case TEACHER_PC:
          return Optional.of(TEACHER_PC);
        case STUDENT_PC:
          return Optional.of(STUDENT_PC);
        case COMPUTER_ROOM_PC:
          return Optional.of(COMPUTER_ROOM_PC);
        default:
          return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
