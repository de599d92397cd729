package io.campusguard.simulators.county;

import io.campusguard.devices.profile.DeviceType;
import java.math.BigDecimal;
import java.util.Random;

/** Realistic makes, models and unit prices (yuan) for the county's equipment, and warranty lengths. */
final class MakesAndPrices {
  private MakesAndPrices() {}

  static String[] makeModel(DeviceType type, Random random) {
    String[][] options;
    switch (type) {
      case MULTIMEDIA_PLATFORM:
        options = new String[][] {{"Seewo", "F65EA"}, {"Hitevision", "HiteVision-86"}, {"Seewo", "S86EB"}};
        break;
      case TEACHER_PC:
      case STUDENT_PC:
      case COMPUTER_ROOM_PC:
        options = new String[][] {{"Lenovo", "QiTian M430"}, {"Tongfang", "ChaoXiang Z800"}, {"Lenovo", "QiTian M4500"}};
        break;
      case CAMERA:
        options = new String[][] {{"Hikvision", "DS-2CD3T46"}, {"Dahua", "IPC-HFW2431"}};
        break;
      case NVR:
        options = new String[][] {{"Hikvision", "DS-7932N"}, {"Dahua", "NVR4432"}};
        break;
      case PANIC_BUTTON:
        options = new String[][] {{"Hikvision", "DS-PEA"}, {"Dahua", "ARD-B11"}};
        break;
      default:
        options = new String[][] {{"Renke", "RS-WS-N01"}, {"Hanwei", "BS01"}};
        break;
    }
    return options[random.nextInt(options.length)];
  }

  static BigDecimal price(DeviceType type) {
    switch (type) {
      case MULTIMEDIA_PLATFORM:
        return CountyScenario.yuan(12_800);
      case TEACHER_PC:
        return CountyScenario.yuan(4_800);
      case STUDENT_PC:
        return CountyScenario.yuan(3_600);
      case COMPUTER_ROOM_PC:
        return CountyScenario.yuan(3_900);
      case CAMERA:
        return CountyScenario.yuan(650);
      case NVR:
        return CountyScenario.yuan(3_200);
      case PANIC_BUTTON:
        return CountyScenario.yuan(380);
      default:
        return CountyScenario.yuan(450);
    }
  }

  static int warrantyYears(DeviceType type) {
    return type == DeviceType.MULTIMEDIA_PLATFORM ? 3 : type.kind() == io.campusguard.devices.EventKind.CLASSROOM ? 3 : 2;
  }
}
