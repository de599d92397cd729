package io.campusguard.simulators.loadtest;

import io.campusguard.devices.Topics;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.simulators.county.Campus;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.simulators.county.SimDevice;
import io.campusguard.simulators.faults.LinkProxy;
import io.campusguard.simulators.fleet.FleetPublisher;
import io.campusguard.simulators.fleet.SimulationDriver;
import io.campusguard.simulators.opcua.OpcUaCanteens;
import io.campusguard.simulators.report.FaultWindow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Strikes a load test's scheduled faults at the running rig: stops and restarts the hub, kills a child gateway
 * with SIGKILL, bursts panic presses, mixes in malformed payloads, blackholes a campus's link, restarts the
 * county broker or a canteen PLC. Each {@link #inject} blocks for the fault's length, so each runs on its own
 * thread, never the gateways' timers; each fault's window goes to the shared log.
 */
final class FaultInjector {
  static final int PANIC_BURST = 1_000;

  private final Rig rig;
  private final Consumer<String> progress;
  private final Clock clock;
  private final long startMillis;
  private final List<FaultWindow> log;
  private final List<String> failed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  FaultInjector(Rig rig, Consumer<String> progress, Clock clock, long startMillis, List<FaultWindow> log) {
    this.rig = rig;
    this.progress = progress;
    this.clock = clock;
    this.startMillis = startMillis;
    this.log = log;
  }

  /** What the faults act on. */
  record Rig(
      AtomicReference<Hub> hub, HubConfig hubConfig, Map<String, ChildGateway> children, SimulationDriver driver, FleetPublisher publisher,
      County county, MosquittoProcess countyBroker, Map<String, LinkProxy> proxies, OpcUaCanteens canteens) {}

  /** Injects one fault, blocking for its length, and logs its window (from when it struck until it was undone). */
  void inject(FaultSpec f) {
    double from = (clock.millis() - startMillis) / 1000.0;
    String target = f.target() == null ? (f.kind() == FaultSpec.Kind.COUNTY_BROKER_RESTART ? "county-broker" : "hub") : f.target();
    try {
      switch (f.kind()) {
        case HUB_OUTAGE -> {
          progress.accept("fault: hub outage for " + f.length());
          long stopping = clock.millis();
          rig.hub().get().stop().await(2, TimeUnit.MINUTES);
          progress.accept(String.format("fault: hub stopped in %.1f s", (clock.millis() - stopping) / 1000.0));
          Thread.sleep(f.length().toMillis());
          long starting = clock.millis();
          rig.hub().set(Hub.start(rig.hubConfig()).await(2, TimeUnit.MINUTES));
          // The window lasts until the hub is back: a slow stop or start lengthens the outage, and shows here.
          progress.accept(String.format("fault: hub started again in %.1f s", (clock.millis() - starting) / 1000.0));
        }
        case GATEWAY_KILL -> {
          progress.accept("fault: kill -9 of the gateway of " + target);
          ChildGateway child = rig.children().get(target);
          child.kill();
          Thread.sleep(f.length().toMillis());
          child.start().get(2, TimeUnit.MINUTES);
        }
        case PANIC_BURST -> {
          progress.accept("fault: " + PANIC_BURST + " panic presses from " + target);
          List<SimDevice> buttons = rig.county().byId().get(target).devices().stream().filter(d -> d.type() == DeviceType.PANIC_BUTTON).toList();
          Instant now = clock.instant();
          rig.driver().inject(sim -> {
            for (int i = 0; i < PANIC_BURST; i++) {
              sim.pressPanic(buttons.get(i % buttons.size()), now.plusMillis(i * 3L));
            }
          });
        }
        case MALFORMED -> {
          progress.accept("fault: malformed payloads from " + target);
          String topic = Topics.campusDevice(target, io.campusguard.devices.EventKind.CANTEEN, target + "-CS-01");
          for (String bad : List.of("", "not json", "{\"ts\":\"yesterday\"}", "{\"ts\":1,\"quantity\":\"cold_store_temperature\",\"value\":1e400}", "[1,2]")) {
            rig.publisher().publishRaw(target, topic, bad.getBytes(StandardCharsets.UTF_8));
          }
        }
        case LINK_BLACKHOLE -> {
          progress.accept("fault: the link of " + target + " to the county broker drops every packet for " + f.length());
          LinkProxy proxy = rig.proxies().get(target);
          proxy.blackhole(true).await(10, TimeUnit.SECONDS);
          Thread.sleep(f.length().toMillis());
          proxy.blackhole(false).await(10, TimeUnit.SECONDS);
        }
        case COUNTY_BROKER_RESTART -> {
          progress.accept("fault: county broker restart, down for " + f.length());
          rig.countyBroker().restart(f.length());
        }
        case OPCUA_RESTART -> {
          progress.accept("fault: the canteen PLC of " + target + " restarts its OPC UA server, down for " + f.length());
          rig.canteens().restart(target, f.length());
        }
        default -> throw new IllegalStateException();
      }
    } catch (Exception e) {
      progress.accept("fault " + f.kind().wireName() + " failed: " + e);
      failed.add("fault " + f.kind().wireName() + (f.target() == null ? "" : ":" + f.target()) + " could not be injected: " + e);
    }
    double to = Math.max(from + f.length().toMillis() / 1000.0, (clock.millis() - startMillis) / 1000.0);
    log.add(new FaultWindow(f.kind().wireName(), target, from, to));
  }

  /** Faults that could not be injected (or undone), each with why: a run that did not face its faults has not passed. */
  List<String> failed() {
    return List.copyOf(failed);
  }

  /** Refuses, before anything starts, a fault aimed at a campus that is not in the run or cannot take it. */
  static void validateTargets(List<FaultSpec> faults, County county) {
    for (FaultSpec f : faults) {
      if (f.target() == null) {
        continue;
      }
      Campus c = county.byId().get(f.target());
      if (c == null) {
        throw new IllegalArgumentException(f.kind().wireName() + ": campus " + f.target() + " is not among the " + county.campuses().size() + " campuses of this run");
      }
      if (f.kind() == FaultSpec.Kind.OPCUA_RESTART && !CountyScenario.canteenOverOpcUa(c)) {
        throw new IllegalArgumentException("opcua-restart: campus " + f.target() + " has no OPC UA canteen; those of this run are "
            + county.campuses().stream().filter(CountyScenario::canteenOverOpcUa).map(Campus::id).toList());
      }
    }
  }
}
