package io.campusguard.simulators.county;

import io.campusguard.devices.profile.DeviceType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The devices of one campus, sized by its type and pupils: one-touch alarms at the gate, the guard room and
 * each dormitory; cameras behind NVRs (32 channels each); a canteen with cold stores, a freezer, gas and
 * humidity sensors and door contacts; a teaching platform per class, a PC per teacher, computer rooms and
 * other student PCs. Purchase dates are placeholders here; {@link PurchaseDates} sets them county-wide.
 */
final class DeviceFleetBuilder {
  static final int CAMERAS_PER_NVR = 32;
  private static final LocalDate PLACEHOLDER = LocalDate.of(2020, 1, 1);

  private final Random random;

  DeviceFleetBuilder(Random random) {
    this.random = random;
  }

  List<SimDevice> devicesFor(String campus, CampusType type, int pupils) {
    List<SimDevice> out = new ArrayList<>();
    // One-touch alarms (一键报警).
    add(out, campus, DeviceType.PANIC_BUTTON, "PB", 1, "校门", null);
    add(out, campus, DeviceType.PANIC_BUTTON, "PB", 2, "门卫室", null);
    int panic = 2;
    if (type.boarding()) {
      for (int d = 1; d <= Math.max(1, pupils / 400); d++) {
        add(out, campus, DeviceType.PANIC_BUTTON, "PB", ++panic, "宿舍" + d + "栋", null);
      }
    } else {
      add(out, campus, DeviceType.PANIC_BUTTON, "PB", ++panic, type == CampusType.KINDERGARTEN ? "保健室" : "行政楼", null);
    }
    // Video surveillance: cameras record to NVRs in the monitoring room.
    int cameras = Math.min(160, 8 + pupils / 40);
    int nvrs = (cameras + CAMERAS_PER_NVR - 1) / CAMERAS_PER_NVR;
    for (int n = 1; n <= nvrs; n++) {
      add(out, campus, DeviceType.NVR, "NVR", n, "监控室", null);
    }
    for (int c = 1; c <= cameras; c++) {
      String nvr = String.format("%s-NVR-%02d", campus, (c - 1) / CAMERAS_PER_NVR + 1);
      add(out, campus, DeviceType.CAMERA, "CAM", c, "校园点位" + c, nvr);
    }
    // Canteen (食堂): every campus serves meals.
    int coldStores = pupils > 800 ? 2 : 1;
    for (int s = 1; s <= coldStores; s++) {
      add(out, campus, DeviceType.COLD_STORE_SENSOR, "CS", s, "食堂冷藏库" + s, null);
      add(out, campus, DeviceType.DOOR_CONTACT, "DOOR", s, "食堂冷藏库" + s, null);
    }
    add(out, campus, DeviceType.FREEZER_SENSOR, "FZ", 1, "食堂冷冻柜", null);
    add(out, campus, DeviceType.GAS_SENSOR, "GAS", 1, "食堂操作间", null);
    add(out, campus, DeviceType.HUMIDITY_SENSOR, "HUM", 1, "食堂仓库", null);
    // Classroom IT.
    int classes = Math.max(3, (pupils + type.pupilsPerClass() - 1) / type.pupilsPerClass());
    for (int k = 1; k <= classes; k++) {
      add(out, campus, DeviceType.MULTIMEDIA_PLATFORM, "MMP", k, "教室" + k, null);
    }
    int teachers = Math.max(3, pupils / 14);
    for (int t = 1; t <= teachers; t++) {
      add(out, campus, DeviceType.TEACHER_PC, "TPC", t, "办公室" + ((t - 1) / 12 + 1), null);
    }
    int rooms = computerRooms(type, pupils);
    for (int r = 1; r <= rooms; r++) {
      for (int p = 1; p <= CountyScenario.COMPUTER_ROOM_SIZE; p++) {
        out.add(device(campus, DeviceType.COMPUTER_ROOM_PC, String.format("%s-CR%d-PC%02d", campus, r, p), "机房" + r, null));
      }
    }
    if (type != CampusType.KINDERGARTEN) {
      for (int s = 1; s <= pupils / 20; s++) {
        add(out, campus, DeviceType.STUDENT_PC, "SPC", s, "电子阅览室", null);
      }
    }
    return out;
  }

  static int computerRooms(CampusType type, int pupils) {
    switch (type) {
      case HIGH_SCHOOL:
        return 2;
      case VOCATIONAL:
        return 3;
      case JUNIOR_MIDDLE:
        return pupils > 1000 ? 2 : 1;
      case NINE_YEAR:
        return 1;
      case PRIMARY:
        return pupils >= 400 ? 1 : 0;
      default:
        return 0;
    }
  }

  private void add(List<SimDevice> out, String campus, DeviceType type, String code, int n, String room, String parent) {
    out.add(device(campus, type, String.format("%s-%s-%0" + (n >= 100 ? 3 : 2) + "d", campus, code, n), room, parent));
  }

  private SimDevice device(String campus, DeviceType type, String id, String room, String parent) {
    String[] makeModel = MakesAndPrices.makeModel(type, random);
    return new SimDevice(id, campus, type, room, parent, makeModel[0], makeModel[1], PLACEHOLDER, MakesAndPrices.price(type), null);
  }
}
