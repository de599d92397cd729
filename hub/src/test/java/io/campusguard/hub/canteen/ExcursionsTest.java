package io.campusguard.hub.canteen;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.profile.DeviceProfiles;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.profile.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Excursions of a canteen series beyond its profile's threshold. */
class ExcursionsTest {
  private final Instant t0 = Instant.parse("2026-11-28T00:00:00Z");
  private final Threshold coldStore = DeviceProfiles.of(DeviceType.COLD_STORE_SENSOR).thresholds().get(0);

  private List<Excursions.Reading> minutely(double... values) {
    List<Excursions.Reading> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new Excursions.Reading(t0.plus(Duration.ofMinutes(i)), values[i]));
    }
    return out;
  }

  /** Verifies start, end, duration and peak of a closed excursion, and that the limit itself is in range. */
  @Test
  void closedExcursion() {
    assertThat(coldStore.raiseAt()).isEqualTo(8.0);
    List<Excursion> found = Excursions.find(minutely(4, 8.0, 9.5, 12.25, 10, 7), coldStore);
    assertThat(found).singleElement().satisfies(e -> {
      assertThat(e.start()).isEqualTo(t0.plus(Duration.ofMinutes(2)));
      assertThat(e.end()).isEqualTo(t0.plus(Duration.ofMinutes(5)));
      assertThat(e.duration()).isEqualTo(Duration.ofMinutes(3));
      assertThat(e.peak()).isEqualTo(12.25);
      // shorter than the profile's 10-minute alarm delay: a door opened for a delivery
      assertThat(e.sustained()).isFalse();
    });
  }

  /** Verifies two excursions are kept apart, an unfinished one runs to the last reading, and a long one is sustained. */
  @Test
  void ongoingAndSustained() {
    double[] v = new double[30];
    java.util.Arrays.fill(v, 5);
    v[1] = 9;
    for (int i = 10; i < 30; i++) {
      v[i] = 11 + i * 0.1;
    }
    List<Excursion> found = Excursions.find(minutely(v), coldStore);
    assertThat(found).hasSize(2);
    assertThat(found.get(0).duration()).isEqualTo(Duration.ofMinutes(1));
    Excursion open = found.get(1);
    assertThat(open.ongoing()).isTrue();
    assertThat(open.duration()).isEqualTo(Duration.ofMinutes(19));
    assertThat(open.peak()).isEqualTo(11 + 29 * 0.1);
    assertThat(open.sustained()).isTrue();
  }

  /** Verifies a freezer at -15 °C and colder has no excursion, and an empty series none either (control). */
  @Test
  void freezerInRange() {
    Threshold freezer = DeviceProfiles.of(DeviceType.FREEZER_SENSOR).thresholds().get(0);
    assertThat(freezer.raiseAt()).isEqualTo(-15.0);
    assertThat(Excursions.find(minutely(-18, -15, -19), freezer)).isEmpty();
    assertThat(Excursions.find(minutely(-18, -14.5, -19), freezer)).hasSize(1);
    assertThat(Excursions.find(List.of(), freezer)).isEmpty();
  }
}
