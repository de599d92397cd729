package io.campusguard.simulators.launcher;

import io.campusguard.devices.codec.EventCodec;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.simulators.fleet.FleetPublisher;
import io.campusguard.simulators.fleet.FleetSettings;
import io.campusguard.simulators.fleet.FleetSimulation;
import io.campusguard.simulators.fleet.SimulationDriver;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the simulated county's devices against a campus broker until stopped. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Publish the simulated county's devices to a campus broker.")
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--broker", required = true, description = "campus broker, tcp://host:port")
  URI broker;

  @Option(names = "--user", description = "MQTT user name")
  String user;

  @Option(names = "--password", description = "MQTT password", interactive = false)
  String password;

  @Option(names = "--seed", defaultValue = "2025", description = "scenario seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--speed", defaultValue = "1", description = "multiple of county load (default ${DEFAULT-VALUE})")
  double speed;

  @Option(names = "--campuses", split = ",", description = "only these campus ids (default: all 129)")
  List<String> campuses;

  @Override
  public Integer call() throws Exception {
    County county = CountyScenario.generate(seed);
    List<String> ids = campuses != null ? campuses : county.campuses().stream().map(c -> c.id()).toList();
    Vertx vertx = Vertx.vertx();
    FleetPublisher publisher = new FleetPublisher(vertx, EventCodec.withDefaults(), broker.getHost(), broker.getPort(), user, password);
    publisher.connect(ids).toCompletionStage().toCompletableFuture().get();
    Clock clock = Clock.systemUTC();
    FleetSimulation sim = new FleetSimulation(county.only(ids), FleetSettings.COUNTY_DEFAULTS.withSpeed(speed), seed, clock.instant());
    SimulationDriver driver = new SimulationDriver(vertx, sim, publisher, clock, new SimulationDriver.Listener() {});
    driver.start(Duration.ofMillis(200));
    System.out.printf("simulating %d campuses (%d devices) at %.1f× county load against %s; Ctrl-C to stop%n",
        ids.size(), sim.county().devices().count(), speed, broker);
    vertx.setPeriodic(10_000, id -> System.out.printf("published %d, acknowledged %d%n", publisher.published(), publisher.acknowledged()));
    new CountDownLatch(1).await();
    return 0;
  }
}
