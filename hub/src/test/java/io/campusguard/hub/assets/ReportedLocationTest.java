package io.campusguard.hub.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.asset.AssetCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportedLocationTest {
  private static final Asset PLATFORM = new Asset(
      "LP-017-MMP-101", "LP-017", "初二(3)班", AssetCategory.MULTIMEDIA_PLATFORM, "Hitevision", "HV-86", LocalDate.of(2015, 9, 1), new BigDecimal("12800"), null);

  /** Verifies that the same room typed differently (full-width brackets, spaces, case) is not a move. */
  @Test
  void sameRoomWrittenDifferentlyIsNotAMove() {
    assertThat(new ReportedLocation("LP-017", "初二(3)班").differsFrom(PLATFORM)).isFalse();
    assertThat(new ReportedLocation("LP-017", " 初二（3）班 ").differsFrom(PLATFORM)).isFalse();
    assertThat(new ReportedLocation("LP-017", "机房1").differsFrom(new Asset("X-1", "LP-017", "机房 1", AssetCategory.COMPUTER_ROOM_PC,
        "Lenovo", "M", LocalDate.of(2015, 1, 1), BigDecimal.ONE, null))).isFalse();
  }

  /** Verifies that another room, or another campus, is a move; no room reported compares the campus only. */
  @Test
  void anotherRoomOrCampusIsAMove() {
    assertThat(new ReportedLocation("LP-017", "初二(4)班").differsFrom(PLATFORM)).isTrue();
    assertThat(new ReportedLocation("LP-018", "初二(3)班").differsFrom(PLATFORM)).isTrue();
    assertThat(new ReportedLocation("LP-018", null).differsFrom(PLATFORM)).isTrue();
    assertThat(new ReportedLocation("LP-017", null).differsFrom(PLATFORM)).isFalse();
    assertThat(new ReportedLocation(null, null).differsFrom(PLATFORM)).isFalse();
  }
}
