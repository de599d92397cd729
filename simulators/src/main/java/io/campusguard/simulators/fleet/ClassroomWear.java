package io.campusguard.simulators.fleet;

import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.simulators.county.SimDevice;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * How a classroom device wears with age: about 1,500 powered hours a school year, projector lamps (on Hitevision
 * platforms) and panels counting alongside, disks losing health, boot failures and crashes growing on old
 * machines, and a stable per-device trait (some disks are simply failing) so the same device tells the same story
 * every report.
 */
final class ClassroomWear {
  private static final String[] FAULTS = {"灯泡过热", "触摸屏无响应", "硬盘SMART告警", "系统无法启动", "风扇异常"};

  private ClassroomWear() {}

  static ClassroomHealth health(SimDevice d, Instant t, Random noise) {
    LocalDate day = t.atZone(CanteenPhysics.LOCAL).toLocalDate();
    double years = Math.max(0, ChronoUnit.DAYS.between(d.purchaseDate(), day) / 365.25);
    Random trait = new Random(d.id().hashCode());
    boolean badDisk = trait.nextDouble() < 0.04 + 0.02 * years;
    long powerOn = (long) (years * 1_500 + trait.nextInt(200));
    boolean lamp = d.type() == DeviceType.MULTIMEDIA_PLATFORM && d.make().equals("Hitevision");
    Long lampHours = lamp ? (long) (powerOn * 0.9) : null;
    Long panelHours = d.type() == DeviceType.MULTIMEDIA_PLATFORM && !lamp ? powerOn : null;
    int disk = (int) Math.max(0, Math.min(100, 100 - years * 6 - (badDisk ? 45 : 0) - trait.nextInt(5)));
    int bootFailures = (int) Math.max(0, years * years / 8 + (badDisk ? 6 : 0) + trait.nextInt(2));
    int crashes = (int) Math.max(0, years * 1.5 + trait.nextInt(3));
    double temperature = Math.round((40 + years * 1.2 + noise.nextGaussian() * 2) * 10) / 10.0;
    String fault = years > 7 || badDisk ? FAULTS[trait.nextInt(FAULTS.length)] : null;
    return new ClassroomHealth(
        FleetSimulation.classroomType(d.type()), powerOn, lampHours, panelHours, disk, bootFailures, crashes, temperature, fault, d.room());
  }
}
