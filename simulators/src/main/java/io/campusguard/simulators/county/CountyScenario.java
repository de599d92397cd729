package io.campusguard.simulators.county;

import io.campusguard.devices.profile.DeviceType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates the simulated county deterministically from a seed: 129 campuses of Lianping County (连平县) as
 * its 2025–2029 plan counts them, across its 13 towns, with 52,465 pupils, each campus with a device mix for
 * its type and size, and purchase dates spread so the plan's counts of ageing classroom IT come out exactly:
 * {@value #PLATFORMS_DUE} multimedia platforms, {@value #COMPUTER_ROOMS_DUE} computer rooms,
 * {@value #STUDENT_PCS_DUE} student PCs and {@value #TEACHER_PCS_DUE} teacher PCs past their service life on
 * {@link #REFERENCE_DAY} (the plan says "300多套 … 13间 … 1,500多台 … 600多台").
 *
 * <p>Most of that equipment was bought in the county's 创强 campaign (2014–2016); what is not due was bought
 * later. Computer-room PCs are the PCs of computer rooms (机房); student PCs are the other student machines
 * (e-reading rooms, smart classrooms).
 */
public final class CountyScenario {
  public static final String COUNTY = "连平县";
  public static final List<String> TOWNS =
      List.of("元善镇", "上坪镇", "内莞镇", "陂头镇", "溪山镇", "隆街镇", "田源镇", "油溪镇", "忠信镇", "高莞镇", "大湖镇", "三角镇", "绣缎镇");
  public static final int PUPILS = 52_465;
  public static final LocalDate REFERENCE_DAY = LocalDate.of(2025, 1, 1);
  public static final int PLATFORMS_DUE = 318;
  public static final int COMPUTER_ROOMS_DUE = 13;
  public static final int STUDENT_PCS_DUE = 1_536;
  public static final int TEACHER_PCS_DUE = 624;
  public static final int COMPUTER_ROOM_SIZE = 45;

  /** Pupils per campus type: vocational 183, primary and secondary 44,674, preschool 7,608 (the plan's figures). */
  private static final Map<CampusType, Integer> PUPILS_BY_TYPE = new EnumMap<>(CampusType.class);

  static {
    PUPILS_BY_TYPE.put(CampusType.HIGH_SCHOOL, 9_000);
    PUPILS_BY_TYPE.put(CampusType.VOCATIONAL, 183);
    PUPILS_BY_TYPE.put(CampusType.JUNIOR_MIDDLE, 13_000);
    PUPILS_BY_TYPE.put(CampusType.NINE_YEAR, 3_000);
    PUPILS_BY_TYPE.put(CampusType.PRIMARY, 19_674);
    PUPILS_BY_TYPE.put(CampusType.KINDERGARTEN, 7_608);
  }

  private CountyScenario() {}

  public static County generate(long seed) {
    Random random = new Random(seed);
    List<CampusPlan> plans = planCampuses(random);
    List<Campus> campuses = new ArrayList<>();
    DeviceFleetBuilder fleet = new DeviceFleetBuilder(random);
    for (CampusPlan p : plans) {
      campuses.add(new Campus(p.id, p.name, p.town, p.type, p.pupils, fleet.devicesFor(p.id, p.type, p.pupils)));
    }
    return new County(COUNTY, TOWNS, new PurchaseDates(random).assign(campuses));
  }

  /** A campus before its devices: who it is and how many pupils it has. */
  static final class CampusPlan {
    final CampusType type;
    final String town;
    final String name;
    final double weight;
    String id;
    int pupils;

    CampusPlan(CampusType type, String town, String name, double weight) {
      this.type = type;
      this.town = town;
      this.name = name;
      this.weight = weight;
    }
  }

  private static List<CampusPlan> planCampuses(Random random) {
    List<CampusPlan> plans = new ArrayList<>();
    String seat = TOWNS.get(0);
    plans.add(new CampusPlan(CampusType.HIGH_SCHOOL, seat, "连平县第一中学", 1.4));
    plans.add(new CampusPlan(CampusType.HIGH_SCHOOL, seat, "连平县附城中学", 1.1));
    plans.add(new CampusPlan(CampusType.HIGH_SCHOOL, "忠信镇", "连平县忠信中学", 0.9));
    plans.add(new CampusPlan(CampusType.HIGH_SCHOOL, seat, "连平县民办实验高级中学", 0.6));
    plans.add(new CampusPlan(CampusType.VOCATIONAL, seat, "连平县职业技术学校", 1));

    // Junior middle schools: one per town, the rest in the county seat and the larger towns.
    int junior = 0;
    for (String town : TOWNS) {
      plans.add(new CampusPlan(CampusType.JUNIOR_MIDDLE, town, shortName(town) + "中学", town.equals(seat) ? 2.0 : 0.7 + random.nextDouble()));
      junior++;
    }
    String[] moreJunior = {"元善镇", "元善镇", "忠信镇", "上坪镇", "油溪镇"};
    Map<String, Integer> juniorNumber = new java.util.HashMap<>();
    for (int i = 0; junior < CampusType.JUNIOR_MIDDLE.count(); i++, junior++) {
      String town = moreJunior[i];
      int n = juniorNumber.merge(town, 2, (a, b) -> a + 1);
      plans.add(new CampusPlan(CampusType.JUNIOR_MIDDLE, town, shortName(town) + "第" + chineseNumber(n) + "中学", 0.8 + random.nextDouble()));
    }
    String[] nineYear = {"元善镇", "隆街镇", "元善镇", "大湖镇"};
    String[] nineYearNames = {"连平县富民学校", "隆街镇九年一贯制学校", "连平县民办育才学校", "连平县民办启明学校"};
    for (int i = 0; i < CampusType.NINE_YEAR.count(); i++) {
      plans.add(new CampusPlan(CampusType.NINE_YEAR, nineYear[i], nineYearNames[i], 0.7 + random.nextDouble()));
    }
    addByTown(plans, random, CampusType.PRIMARY, "中心小学", "小学", 3.0);
    addByTown(plans, random, CampusType.KINDERGARTEN, "中心幼儿园", "幼儿园", 2.0);

    for (CampusType type : CampusType.values()) {
      List<CampusPlan> ofType = plans.stream().filter(p -> p.type == type).toList();
      if (ofType.size() != type.count()) {
        throw new IllegalStateException(type + ": planned " + ofType.size() + ", the county has " + type.count());
      }
      distribute(PUPILS_BY_TYPE.get(type), ofType);
    }
    for (int i = 0; i < plans.size(); i++) {
      plans.get(i).id = String.format("LP-%03d", i + 1);
    }
    return plans;
  }

  /** Each town gets a central campus; the rest are spread with the county seat getting the most. */
  private static void addByTown(List<CampusPlan> plans, Random random, CampusType type, String central, String other, double centralWeight) {
    Map<String, Integer> numbered = new java.util.HashMap<>();
    int made = 0;
    for (String town : TOWNS) {
      plans.add(new CampusPlan(type, town, shortName(town) + central, centralWeight * (town.equals(TOWNS.get(0)) ? 1.5 : 1)));
      made++;
    }
    while (made < type.count()) {
      // A third of the remaining campuses are in the county seat; village campuses are small.
      String town = random.nextInt(3) == 0 ? TOWNS.get(0) : TOWNS.get(1 + random.nextInt(TOWNS.size() - 1));
      int n = numbered.merge(town, 2, (a, b) -> a + 1);
      boolean seat = town.equals(TOWNS.get(0));
      plans.add(new CampusPlan(type, town, shortName(town) + "第" + chineseNumber(n) + other, seat ? 1.2 + random.nextDouble() : 0.15 + random.nextDouble() * 0.6));
      made++;
    }
  }

  /** Splits a total over campuses by weight, exactly (largest remainders get the leftover pupils). */
  private static void distribute(int total, List<CampusPlan> plans) {
    double sum = plans.stream().mapToDouble(p -> p.weight).sum();
    int given = 0;
    for (CampusPlan p : plans) {
      p.pupils = (int) Math.floor(total * p.weight / sum);
      given += p.pupils;
    }
    List<CampusPlan> byRemainder = new ArrayList<>(plans);
    byRemainder.sort((a, b) -> Double.compare(total * b.weight / sum % 1, total * a.weight / sum % 1));
    for (int i = 0; given < total; i++, given++) {
      byRemainder.get(i % byRemainder.size()).pupils++;
    }
  }

  private static String shortName(String town) {
    return town.substring(0, town.length() - 1);
  }

  private static String chineseNumber(int n) {
    String[] digits = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    if (n <= 10) {
      return digits[n];
    }
    return n < 20 ? "十" + digits[n - 10] : digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]);
  }

  static BigDecimal yuan(int amount) {
    return BigDecimal.valueOf(amount).setScale(2);
  }

  static <T> List<T> shuffled(List<T> items, Random random) {
    List<T> copy = new ArrayList<>(items);
    Collections.shuffle(copy, random);
    return copy;
  }

  /**
   * Whether a campus's canteen equipment is served over OPC UA by a PLC rather than by wireless MQTT sensors:
   * the high schools and nine-year schools, which board pupils and run large cold rooms. Fixed by type, so
   * every run and seed agrees (LP-001…LP-004 and LP-024…LP-027 in the county).
   */
  public static boolean canteenOverOpcUa(Campus campus) {
    return campus.type() == CampusType.HIGH_SCHOOL || campus.type() == CampusType.NINE_YEAR;
  }

  /** Whether the campus's PLC serves this device: its measuring sensors; door contacts stay wireless (MQTT). */
  public static boolean servedOverOpcUa(Campus campus, SimDevice device) {
    return canteenOverOpcUa(campus) && OPC_UA_TYPES.contains(device.type());
  }

  private static final java.util.Set<DeviceType> OPC_UA_TYPES = java.util.EnumSet.of(
      DeviceType.COLD_STORE_SENSOR, DeviceType.FREEZER_SENSOR, DeviceType.GAS_SENSOR, DeviceType.HUMIDITY_SENSOR);

  /** Device types whose purchase dates the plan's replacement figures pin down. */
  static final List<DeviceType> CLASSROOM_TYPES =
      List.of(DeviceType.MULTIMEDIA_PLATFORM, DeviceType.TEACHER_PC, DeviceType.STUDENT_PC, DeviceType.COMPUTER_ROOM_PC);
}
