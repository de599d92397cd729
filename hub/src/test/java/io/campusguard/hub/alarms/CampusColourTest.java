package io.campusguard.hub.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The county wall's colour rule. */
class CampusColourTest {
  /** Verifies red for a P0 or a lost link, yellow for lesser trouble, green otherwise. */
  @Test
  void colourFollowsTheWorstCondition() {
    assertThat(CampusColour.of(false, 0, 0, 0)).isEqualTo(CampusColour.GREEN);
    assertThat(CampusColour.of(false, 0, 2, 0)).isEqualTo(CampusColour.YELLOW);
    assertThat(CampusColour.of(false, 0, 0, 1)).isEqualTo(CampusColour.YELLOW);
    assertThat(CampusColour.of(false, 1, 5, 3)).isEqualTo(CampusColour.RED);
    assertThat(CampusColour.of(true, 0, 0, 0)).isEqualTo(CampusColour.RED);
  }

  /** Verifies that degraded devices alone make a campus yellow, and never hide red. */
  @Test
  void degradedDevicesMakeYellow() {
    assertThat(CampusColour.of(false, 0, 0, 3)).isEqualTo(CampusColour.YELLOW);
    assertThat(CampusColour.of(true, 0, 0, 3)).isEqualTo(CampusColour.RED);
    assertThat(CampusColour.of(false, 1, 0, 3)).isEqualTo(CampusColour.RED);
    // control: nothing degraded, nothing open
    assertThat(CampusColour.of(false, 0, 0, 0)).isEqualTo(CampusColour.GREEN);
  }
}
