package io.campusguard.simulators.fleet;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Random;

/**
 * Plausible canteen readings: a cold store holds about 3.5 °C, warms a little in the afternoon, and jumps
 * when its door opens for the morning and afternoon deliveries (06:30 and 14:30 local time, 15 minutes);
 * a compressor fault drives it past 8 °C until it is repaired. Freezers hold about -19 °C; gas stays near
 * zero unless there is a leak. All in China Standard Time, where the county is.
 */
final class CanteenPhysics {
  static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
  private static final LocalTime[] DELIVERIES = {LocalTime.of(6, 30), LocalTime.of(14, 30)};
  private static final int DELIVERY_MINUTES = 15;

  private CanteenPhysics() {}

  static boolean doorOpen(Instant t) {
    LocalTime now = t.atZone(LOCAL).toLocalTime();
    for (LocalTime d : DELIVERIES) {
      if (!now.isBefore(d) && now.isBefore(d.plusMinutes(DELIVERY_MINUTES))) {
        return true;
      }
    }
    return false;
  }

  static double coldStore(Instant t, boolean faulty, Random noise) {
    double hour = t.atZone(LOCAL).toLocalTime().toSecondOfDay() / 3600.0;
    double daily = 0.6 * Math.sin((hour - 9) / 24 * 2 * Math.PI);
    double door = doorOpen(t) ? 3.5 : 0;
    double fault = faulty ? 7.5 : 0;
    return round(3.5 + daily + door + fault + noise.nextGaussian() * 0.15);
  }

  static double freezer(Instant t, Random noise) {
    return round(-19 + (doorOpen(t) ? 2.5 : 0) + noise.nextGaussian() * 0.3);
  }

  static double gas(boolean leaking, Random noise) {
    return round(Math.max(0, (leaking ? 18 : 0.6) + noise.nextGaussian() * 0.3));
  }

  static double humidity(Instant t, Random noise) {
    double hour = t.atZone(LOCAL).toLocalTime().toSecondOfDay() / 3600.0;
    return round(Math.min(100, Math.max(0, 68 + 7 * Math.sin((hour - 6) / 24 * 2 * Math.PI) + noise.nextGaussian())));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
