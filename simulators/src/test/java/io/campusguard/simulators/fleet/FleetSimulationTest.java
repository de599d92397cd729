package io.campusguard.simulators.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.Topics;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.simulators.county.SimDevice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetSimulationTest {
  private static final County COUNTY = CountyScenario.generate(2025);
  private static final Instant START = Instant.parse("2026-11-27T16:00:00Z"); // midnight in the county

  /** Verifies that an hour of county load is about what the profiles promise, and every emission decodes. */
  @Test
  void anHourOfCountyLoadDecodes() {
    FleetSimulation sim = new FleetSimulation(COUNTY, FleetSettings.COUNTY_DEFAULTS, 1, START);
    Instant end = START.plus(Duration.ofHours(1));

    List<Emission> hour = sim.advanceTo(end);

    double perSecond = hour.size() / 3600.0;
    assertThat(perSecond).as("messages/s at county load").isBetween(50.0, 400.0);
    assertThat(hour).isSortedAccordingTo((a, b) -> a.ts().compareTo(b.ts()));
    EventCodec codec = new EventCodec(Clock.fixed(end, ZoneOffset.UTC));
    for (Emission e : hour.subList(0, 5_000)) {
      var decoded = codec.decodeDevice(Topics.campusDevice(e.campus(), e.body().kind(), e.device()), codec.encodeDevice(e.ts(), e.body()));
      assertThat(decoded.isOk()).as("%s", decoded).isTrue();
    }
  }

  /** Verifies that a panic press is published, then cleared two minutes later. */
  @Test
  void panicPressThenClear() {
    FleetSimulation sim = new FleetSimulation(COUNTY, FleetSettings.COUNTY_DEFAULTS.withPanicRate(0), 1, START);
    SimDevice button = COUNTY.campuses().get(16).devices().stream().filter(d -> d.type() == DeviceType.PANIC_BUTTON).findFirst().orElseThrow();
    sim.pressPanic(button, START.plusSeconds(10));

    List<Emission> out = sim.advanceTo(START.plus(Duration.ofMinutes(5)));

    List<Emission> presses = out.stream().filter(e -> e.body() instanceof PanicEvent).toList();
    assertThat(presses).extracting(e -> ((PanicEvent) e.body()).action()).containsExactly(PanicEvent.Action.PRESSED, PanicEvent.Action.CLEARED);
    assertThat(Duration.between(presses.get(0).ts(), presses.get(1).ts())).isEqualTo(Duration.ofMinutes(2));
  }

  /** Verifies that an NVR outage silences the NVR and exactly its cameras, and only for its length. */
  @Test
  void nvrOutageSilencesItsCameras() {
    FleetSimulation sim = new FleetSimulation(COUNTY, FleetSettings.COUNTY_DEFAULTS.withPanicRate(0), 1, START);
    SimDevice nvr = COUNTY.campuses().get(0).devices().stream().filter(d -> d.type() == DeviceType.NVR).findFirst().orElseThrow();
    sim.advanceTo(START.plus(Duration.ofMinutes(2)));
    sim.nvrOutage(nvr.id(), START.plus(Duration.ofMinutes(2)), Duration.ofMinutes(10));

    List<Emission> during = sim.advanceTo(START.plus(Duration.ofMinutes(12)));
    List<Emission> after = sim.advanceTo(START.plus(Duration.ofMinutes(15)));

    assertThat(during).noneMatch(e -> e.device().equals(nvr.id()));
    assertThat(during).noneMatch(e -> e.body() instanceof CameraStatus c && nvr.id().equals(c.nvr()));
    assertThat(during).anyMatch(e -> e.body() instanceof CameraStatus c && c.nvr() != null && !nvr.id().equals(c.nvr()));
    assertThat(after).anyMatch(e -> e.device().equals(nvr.id()));
  }

  /** Verifies the cold-store day: around 3.5 °C, warmer during the morning delivery with the door open. */
  @Test
  void coldStoreFollowsDeliveries() {
    County five = COUNTY.only(List.of("LP-001", "LP-017", "LP-050", "LP-090", "LP-120"));
    FleetSimulation sim = new FleetSimulation(five, new FleetSettings(0, 0, 0, 0, 0, Duration.ofMinutes(1), 1), 1, START);
    List<Emission> day = sim.advanceTo(START.plus(Duration.ofHours(24)));

    Map<Boolean, Double> meanByDoor =
        day.stream()
            .filter(e -> e.body() instanceof CanteenReading r && r.quantity() == CanteenReading.Quantity.COLD_STORE_TEMPERATURE)
            .collect(Collectors.partitioningBy(e -> CanteenPhysics.doorOpen(e.ts()), Collectors.averagingDouble(e -> ((CanteenReading) e.body()).value())));
    assertThat(meanByDoor.get(false)).isBetween(2.5, 4.5);
    assertThat(meanByDoor.get(true)).isGreaterThan(meanByDoor.get(false) + 2);
  }

  /** Verifies that the same seed replays the same emissions. */
  @Test
  void deterministic() {
    List<Emission> a = new FleetSimulation(COUNTY, FleetSettings.COUNTY_DEFAULTS, 9, START).advanceTo(START.plusSeconds(120));
    List<Emission> b = new FleetSimulation(COUNTY, FleetSettings.COUNTY_DEFAULTS, 9, START).advanceTo(START.plusSeconds(120));
    assertThat(a).isEqualTo(b).isNotEmpty();
  }
}
