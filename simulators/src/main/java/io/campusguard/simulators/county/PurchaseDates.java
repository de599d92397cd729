package io.campusguard.simulators.county;

import io.campusguard.devices.profile.DeviceType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Sets every device's purchase date and warranty so that exactly the plan's numbers of classroom devices are
 * past their service life on {@link CountyScenario#REFERENCE_DAY}: those were bought in the 创强 campaign
 * (2014–2016); the rest later, recently enough not to be due yet. A computer room's PCs share one date.
 */
final class PurchaseDates {
  static final LocalDate CAMPAIGN_START = LocalDate.of(2014, 3, 1);
  static final LocalDate CAMPAIGN_END = LocalDate.of(2016, 12, 31);
  private static final LocalDate LATEST = LocalDate.of(2025, 6, 30);

  private final Random random;

  PurchaseDates(Random random) {
    this.random = random;
  }

  List<Campus> assign(List<Campus> campuses) {
    Map<String, LocalDate> dates = new HashMap<>();
    Map<DeviceType, List<SimDevice>> byType = new LinkedHashMap<>();
    for (Campus c : campuses) {
      for (SimDevice d : c.devices()) {
        byType.computeIfAbsent(d.type(), t -> new ArrayList<>()).add(d);
      }
    }
    dueFirst(byType.get(DeviceType.MULTIMEDIA_PLATFORM), CountyScenario.PLATFORMS_DUE, dates);
    dueFirst(byType.get(DeviceType.TEACHER_PC), CountyScenario.TEACHER_PCS_DUE, dates);
    dueFirst(byType.get(DeviceType.STUDENT_PC), CountyScenario.STUDENT_PCS_DUE, dates);
    computerRooms(byType.get(DeviceType.COMPUTER_ROOM_PC), dates);
    for (Map.Entry<DeviceType, List<SimDevice>> e : byType.entrySet()) {
      if (!CountyScenario.CLASSROOM_TYPES.contains(e.getKey())) {
        for (SimDevice d : e.getValue()) {
          dates.put(d.id(), between(LocalDate.of(2018, 6, 1), LATEST));
        }
      }
    }
    List<Campus> out = new ArrayList<>(campuses.size());
    for (Campus c : campuses) {
      List<SimDevice> devices = new ArrayList<>(c.devices().size());
      for (SimDevice d : c.devices()) {
        LocalDate bought = dates.get(d.id());
        devices.add(
            new SimDevice(
                d.id(), d.campus(), d.type(), d.room(), d.parent(), d.make(), d.model(), bought, d.price(),
                bought.plusYears(MakesAndPrices.warrantyYears(d.type()))));
      }
      out.add(new Campus(c.id(), c.name(), c.town(), c.type(), c.pupils(), devices));
    }
    return out;
  }

  private void dueFirst(List<SimDevice> devices, int due, Map<String, LocalDate> dates) {
    if (devices.size() < due) {
      throw new IllegalStateException(devices.get(0).type() + ": only " + devices.size() + " devices, " + due + " must be due");
    }
    List<SimDevice> order = CountyScenario.shuffled(devices, random);
    for (int i = 0; i < order.size(); i++) {
      SimDevice d = order.get(i);
      dates.put(d.id(), i < due ? campaignDate() : notYetDue(d.type()));
    }
  }

  private void computerRooms(List<SimDevice> pcs, Map<String, LocalDate> dates) {
    Map<String, List<SimDevice>> rooms = new LinkedHashMap<>();
    for (SimDevice d : pcs) {
      rooms.computeIfAbsent(d.campus() + "/" + d.room(), k -> new ArrayList<>()).add(d);
    }
    List<String> order = CountyScenario.shuffled(new ArrayList<>(rooms.keySet()), random);
    if (order.size() < CountyScenario.COMPUTER_ROOMS_DUE) {
      throw new IllegalStateException("only " + order.size() + " computer rooms");
    }
    for (int i = 0; i < order.size(); i++) {
      LocalDate bought = i < CountyScenario.COMPUTER_ROOMS_DUE ? campaignDate() : notYetDue(DeviceType.COMPUTER_ROOM_PC);
      for (SimDevice d : rooms.get(order.get(i))) {
        dates.put(d.id(), bought);
      }
    }
  }

  private LocalDate campaignDate() {
    return between(CAMPAIGN_START, CAMPAIGN_END);
  }

  /** Bought after the reference day minus the service life, so not yet due on the reference day. */
  private LocalDate notYetDue(DeviceType type) {
    LocalDate earliest = CountyScenario.REFERENCE_DAY.minusYears(type.category().serviceLifeYears()).plusMonths(2);
    return between(earliest, LATEST);
  }

  private LocalDate between(LocalDate from, LocalDate to) {
    long days = to.toEpochDay() - from.toEpochDay();
    return from.plusDays((long) (random.nextDouble() * (days + 1)));
  }
}
