package io.campusguard.simulators.fleet;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.CanteenReading.Quantity;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.profile.DeviceProfiles;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.simulators.county.Campus;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.SimDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * What every simulated device of a county publishes, and when: plain, single-threaded and deterministic for a
 * seed, driven by {@link #advanceTo(Instant)} so a test can run a simulated day in milliseconds and the
 * publisher can run it in real time. Each device reports at its profile's interval (divided by the speed),
 * with faults drawn per campus per simulated minute: panic presses (cleared two minutes later), camera
 * outages, NVR outages that silence the NVR and all its cameras, cold-store compressor faults and gas leaks.
 */
public final class FleetSimulation {
  private static final Duration PANIC_RESET = Duration.ofMinutes(2);

  private final County county;
  private final FleetSettings settings;
  private final Random random;
  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
  private final Map<String, Instant> silentUntil = new HashMap<>();
  private final Map<String, Instant> faultyUntil = new HashMap<>();
  private final Map<String, Boolean> lastReportedOffline = new HashMap<>();
  private final Map<String, List<SimDevice>> camerasByNvr = new HashMap<>();
  private Instant faultClock;

  /** One device's next turn; {@code body} set for one-off events (a press, a clear), null for a periodic report. */
  private record Scheduled(Instant at, long order, SimDevice device, EventBody body) implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  private long order;

  public FleetSimulation(County county, FleetSettings settings, long seed, Instant start) {
    this.county = county;
    this.settings = settings;
    this.random = new Random(seed);
    this.faultClock = start;
    for (Campus c : county.campuses()) {
      for (SimDevice d : c.devices()) {
        if (d.parent() != null) {
          camerasByNvr.computeIfAbsent(d.parent(), k -> new ArrayList<>()).add(d);
        }
        Duration interval = interval(d);
        schedule(start.plusMillis((long) (random.nextDouble() * interval.toMillis())), d, null);
      }
    }
  }

  public County county() {
    return county;
  }

  /** Every emission due up to {@code now}, in time order. */
  public List<Emission> advanceTo(Instant now) {
    List<Emission> out = new ArrayList<>();
    // Faults for each simulated minute are drawn as that minute begins, so the first minute has its share too.
    while (!faultClock.isAfter(now)) {
      drawFaults(faultClock);
      faultClock = faultClock.plus(Duration.ofMinutes(1));
    }
    while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
      Scheduled s = queue.poll();
      SimDevice d = s.device();
      if (s.body() != null) {
        out.add(new Emission(d.campus(), d.id(), s.at(), s.body()));
        continue;
      }
      if (!isSilent(d, s.at())) {
        out.add(new Emission(d.campus(), d.id(), s.at(), report(d, s.at())));
      }
      schedule(s.at().plus(interval(d)), d, null);
    }
    return out;
  }

  /** A panic press now on the given button, cleared by the guard two minutes later. */
  public void pressPanic(SimDevice button, Instant at) {
    schedule(at, button, new PanicEvent(PanicEvent.Action.PRESSED));
    schedule(at.plus(PANIC_RESET), button, new PanicEvent(PanicEvent.Action.CLEARED));
  }

  /** An NVR and all its cameras go silent for the duration. */
  public void nvrOutage(String nvrId, Instant from, Duration length) {
    silentUntil.put(nvrId, from.plus(length));
    for (SimDevice cam : camerasByNvr.getOrDefault(nvrId, List.of())) {
      silentUntil.put(cam.id(), from.plus(length));
    }
  }

  private void drawFaults(Instant minute) {
    double perMinute = 1.0 / 60;
    for (Campus c : county.campuses()) {
      if (chance(settings.panicPressesPerCampusHour() * perMinute)) {
        pick(c, DeviceType.PANIC_BUTTON).ifPresent(b -> pressPanic(b, minute.plusMillis(random.nextInt(60_000))));
      }
      if (chance(settings.cameraOutagesPerCampusHour() * perMinute)) {
        pick(c, DeviceType.CAMERA).ifPresent(cam -> faultyUntil.put(cam.id(), minute.plus(settings.outageLength())));
      }
      if (chance(settings.nvrOutagesPerCampusHour() * perMinute)) {
        pick(c, DeviceType.NVR).ifPresent(nvr -> nvrOutage(nvr.id(), minute, settings.outageLength()));
      }
      if (chance(settings.coldStoreFaultsPerCampusHour() * perMinute)) {
        pick(c, DeviceType.COLD_STORE_SENSOR).ifPresent(s -> faultyUntil.put(s.id(), minute.plus(Duration.ofMinutes(25))));
      }
      if (chance(settings.gasLeaksPerCampusHour() * perMinute)) {
        pick(c, DeviceType.GAS_SENSOR).ifPresent(s -> faultyUntil.put(s.id(), minute.plus(Duration.ofMinutes(5))));
      }
    }
  }

  private EventBody report(SimDevice d, Instant t) {
    boolean faulty = faultyUntil.getOrDefault(d.id(), Instant.MIN).isAfter(t);
    switch (d.type()) {
      case PANIC_BUTTON:
        return new DeviceHeartbeat(EventKind.PANIC);
      case NVR:
        return new CameraStatus(CameraStatus.Role.NVR, CameraStatus.State.ONLINE, null);
      case CAMERA:
        boolean wasOffline = lastReportedOffline.getOrDefault(d.id(), false);
        lastReportedOffline.put(d.id(), faulty);
        CameraStatus.State state = faulty ? (wasOffline ? CameraStatus.State.OFFLINE : CameraStatus.State.VIDEO_LOSS) : CameraStatus.State.ONLINE;
        return new CameraStatus(CameraStatus.Role.CAMERA, state, d.parent());
      case COLD_STORE_SENSOR:
        return CanteenReading.of(Quantity.COLD_STORE_TEMPERATURE, CanteenPhysics.coldStore(t, faulty, random));
      case FREEZER_SENSOR:
        return CanteenReading.of(Quantity.FREEZER_TEMPERATURE, CanteenPhysics.freezer(t, random));
      case GAS_SENSOR:
        return CanteenReading.of(Quantity.GAS_CONCENTRATION, CanteenPhysics.gas(faulty, random));
      case HUMIDITY_SENSOR:
        return CanteenReading.of(Quantity.HUMIDITY, CanteenPhysics.humidity(t, random));
      case DOOR_CONTACT:
        return CanteenReading.of(Quantity.DOOR_OPEN, CanteenPhysics.doorOpen(t) ? 1 : 0);
      default:
        return ClassroomWear.health(d, t, random);
    }
  }

  private boolean isSilent(SimDevice d, Instant t) {
    Instant until = silentUntil.get(d.id());
    return until != null && until.isAfter(t);
  }

  private Duration interval(SimDevice d) {
    Duration base = DeviceProfiles.of(d.type()).reportingInterval();
    return Duration.ofMillis(Math.max(50, (long) (base.toMillis() / settings.speed())));
  }

  private void schedule(Instant at, SimDevice d, EventBody body) {
    queue.add(new Scheduled(at, order++, d, body));
  }

  private boolean chance(double p) {
    return p > 0 && random.nextDouble() < p;
  }

  private java.util.Optional<SimDevice> pick(Campus c, DeviceType type) {
    List<SimDevice> of = c.devices().stream().filter(d -> d.type() == type).toList();
    return of.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(of.get(random.nextInt(of.size())));
  }

  /** For tests and reports: the devices of the county by id. */
  Map<String, SimDevice> devicesById() {
    Map<String, SimDevice> m = new HashMap<>();
    county.devices().forEach(d -> m.put(d.id(), d));
    return m;
  }

  static boolean isClassroom(SimDevice d) {
    return d.type().kind() == EventKind.CLASSROOM;
  }

  static ClassroomHealth.DeviceType classroomType(DeviceType t) {
    return ClassroomHealth.DeviceType.valueOf(t.name());
  }
}
