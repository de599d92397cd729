package io.campusguard.devices.asset;

/**
 * What an asset is, with the service life the county plans with (years after purchase that a device of this
 * category is expected to last before replacement is due).
 */
public enum AssetCategory {
  MULTIMEDIA_PLATFORM(8),
  STUDENT_PC(6),
  TEACHER_PC(6),
  COMPUTER_ROOM_PC(6),
  CAMERA(6),
  NVR(6),
  PANIC_BUTTON(8),
  CANTEEN_SENSOR(5);

  private final int serviceLifeYears;

  AssetCategory(int serviceLifeYears) {
    this.serviceLifeYears = serviceLifeYears;
  }

  public int serviceLifeYears() {
    return serviceLifeYears;
  }
}
