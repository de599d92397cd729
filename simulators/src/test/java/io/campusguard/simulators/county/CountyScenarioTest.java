package io.campusguard.simulators.county;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.Ids;
import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.profile.DeviceType;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CountyScenarioTest {
  private static final County COUNTY = CountyScenario.generate(2025);

  /** Verifies the county's own figures: 129 campuses by type, 52,465 pupils, 13 towns all used. */
  @Test
  void matchesTheCountysPlan() {
    assertThat(COUNTY.campuses()).hasSize(129);
    Map<CampusType, Long> byType = COUNTY.campuses().stream().collect(Collectors.groupingBy(Campus::type, Collectors.counting()));
    for (CampusType t : CampusType.values()) {
      assertThat(byType.get(t)).as("%s", t).isEqualTo(t.count());
    }
    assertThat(COUNTY.pupils()).isEqualTo(52_465);
    assertThat(COUNTY.campuses().stream().map(Campus::town).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(CountyScenario.TOWNS);
    assertThat(COUNTY.campuses()).allSatisfy(c -> assertThat(c.pupils()).isPositive());
  }

  /** Verifies that the plan's ageing classroom IT comes out exactly on the reference day. */
  @Test
  void replacementFiguresComeOut() {
    assertThat(due(DeviceType.MULTIMEDIA_PLATFORM)).isEqualTo(CountyScenario.PLATFORMS_DUE).isGreaterThan(300);
    assertThat(due(DeviceType.TEACHER_PC)).isEqualTo(CountyScenario.TEACHER_PCS_DUE).isGreaterThan(600);
    assertThat(due(DeviceType.STUDENT_PC)).isEqualTo(CountyScenario.STUDENT_PCS_DUE).isGreaterThan(1_500);
    Set<String> dueRooms =
        COUNTY.devices()
            .filter(d -> d.type() == DeviceType.COMPUTER_ROOM_PC && isDue(d))
            .map(d -> d.campus() + "/" + d.room())
            .collect(Collectors.toSet());
    assertThat(dueRooms).hasSize(13);
  }

  /** Verifies that every campus has the safety devices the plan requires, and cameras name a real NVR. */
  @Test
  void everyCampusHasAlarmsCamerasAndCanteen() {
    for (Campus c : COUNTY.campuses()) {
      Map<DeviceType, Long> n = c.devices().stream().collect(Collectors.groupingBy(SimDevice::type, Collectors.counting()));
      assertThat(n.get(DeviceType.PANIC_BUTTON)).as(c.id()).isGreaterThanOrEqualTo(3);
      assertThat(n.get(DeviceType.CAMERA)).as(c.id()).isGreaterThanOrEqualTo(8);
      assertThat(n.get(DeviceType.COLD_STORE_SENSOR)).as(c.id()).isPositive();
      assertThat(n.get(DeviceType.GAS_SENSOR)).as(c.id()).isPositive();
      Set<String> nvrs = c.devices().stream().filter(d -> d.type() == DeviceType.NVR).map(SimDevice::id).collect(Collectors.toSet());
      assertThat(c.devices().stream().filter(d -> d.type() == DeviceType.CAMERA)).allSatisfy(cam -> assertThat(nvrs).contains(cam.parent()));
    }
  }

  /** Verifies that ids are unique and allowed, and the asset register covers every device validly. */
  @Test
  void idsAreUniqueAndAssetsValid() {
    var ids = COUNTY.devices().map(SimDevice::id).toList();
    assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(Ids.isValid(id)).as(id).isTrue());
    var assets = COUNTY.assetRegister();
    assertThat(assets).hasSameSizeAs(ids);
    assertThat(assets).extracting(Asset::assetId).containsExactlyElementsOf(ids);
  }

  /** Verifies that the same seed gives the same county and another seed a different one. */
  @Test
  void deterministicFromSeed() {
    assertThat(CountyScenario.generate(2025)).isEqualTo(COUNTY);
    assertThat(CountyScenario.generate(7)).isNotEqualTo(COUNTY);
  }

  private static long due(DeviceType type) {
    return COUNTY.devices().filter(d -> d.type() == type && isDue(d)).count();
  }

  private static boolean isDue(SimDevice d) {
    return !d.purchaseDate().plusYears(d.type().category().serviceLifeYears()).isAfter(CountyScenario.REFERENCE_DAY);
  }
}
