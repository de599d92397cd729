package io.campusguard.devices.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AssetTest {
  private static Asset platform(String id, String room, LocalDate bought, LocalDate warrantyEnd) {
    return new Asset(id, "LP-017", room, AssetCategory.MULTIMEDIA_PLATFORM, "Seewo", "F65", bought, new BigDecimal("12800.00"), warrantyEnd);
  }

  /** Verifies that a register entry with a Chinese room name is valid and ages in whole years. */
  @Test
  void validAssetAges() {
    Asset a = platform("LP-017-MMP-101", "初二(3)班", LocalDate.of(2016, 9, 1), LocalDate.of(2019, 9, 1));
    assertThat(a.ageYears(LocalDate.of(2026, 8, 31))).isEqualTo(9);
    assertThat(a.ageYears(LocalDate.of(2026, 9, 1))).isEqualTo(10);
  }

  /** Verifies that unsafe ids, control characters and impossible dates are refused with the field named. */
  @Test
  void refusesBadFields() {
    LocalDate d = LocalDate.of(2020, 1, 1);
    assertThatThrownBy(() -> platform("LP'017", "r", d, null)).hasMessageStartingWith("assetId");
    assertThatThrownBy(() -> platform("A1", "r\nforged", d, null)).hasMessageStartingWith("room");
    assertThatThrownBy(() -> platform("A1", "r", d, d.minusDays(1))).hasMessageStartingWith("warrantyEnd");
  }
}
