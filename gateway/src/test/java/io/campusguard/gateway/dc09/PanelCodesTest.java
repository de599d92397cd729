package io.campusguard.gateway.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.gateway.dc09.PanelEvent.Category;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contact ID and SIA codes to categories, restores, zones, and the config's remapping. */
class PanelCodesTest {
  private final PanelCodes codes = PanelCodes.defaults();

  /** Verifies Contact ID: qualifier 1 is new, 3 a restore; panic, silent panic, burglary, tests. */
  @Test
  void contactId() {
    assertThat(codes.read("ADM-CID", "#1234|1120 01 015")).containsExactly(new PanelEvent(Category.PANIC, false, "15", "cid:1120"));
    assertThat(codes.read("ADM-CID", "#1234|3122 01 007")).containsExactly(new PanelEvent(Category.PANIC, true, "7", "cid:3122"));
    assertThat(codes.read("ADM-CID", "#1234|113001003")).containsExactly(new PanelEvent(Category.BURGLARY, false, "3", "cid:1130"));
    assertThat(codes.read("ADM-CID", "#1234|1602 00 000")).containsExactly(new PanelEvent(Category.TEST, false, "0", "cid:1602"));
    assertThat(codes.read("ADM-CID", "#1234|1301 00 000").get(0).category()).isEqualTo(Category.AC_LOSS);
    assertThat(codes.read("ADM-CID", "#1234|1401 01 002").get(0).category()).isEqualTo(Category.IGNORE);
    assertThat(codes.read("ADM-CID", "#1234|garbage")).isEmpty();
  }

  /** Verifies SIA: modifiers skipped, several events in one block, restore codes. */
  @Test
  void sia() {
    assertThat(codes.read("SIA-DCS", "#1234|Nri1/PA15")).containsExactly(new PanelEvent(Category.PANIC, false, "15", "sia:PA"));
    assertThat(codes.read("SIA-DCS", "#1234|Nri1/HA2/BR3")).containsExactly(
        new PanelEvent(Category.PANIC, false, "2", "sia:HA"), new PanelEvent(Category.BURGLARY, true, "3", "sia:BR"));
    assertThat(codes.read("SIA-DCS", "#1234|NRP")).containsExactly(new PanelEvent(Category.TEST, false, "0", "sia:RP"));
    assertThat(codes.read("SIA-DCS", "#1234|Nti10:00/FA0012")).containsExactly(new PanelEvent(Category.FIRE, false, "12", "sia:FA"));
  }

  /** Verifies that the config's map is laid over the defaults. */
  @Test
  void remapped() {
    PanelCodes custom = new PanelCodes(Map.of("150", Category.BURGLARY), Map.of("UA", Category.TROUBLE, "PA", Category.IGNORE));
    assertThat(custom.read("ADM-CID", "#1234|1150 01 001").get(0).category()).isEqualTo(Category.BURGLARY);
    assertThat(custom.read("SIA-DCS", "#1234|NPA1").get(0).category()).isEqualTo(Category.IGNORE);
  }
}
