package io.campusguard.simulators.launcher;

import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.simulators.county.Campus;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.simulators.fleet.FleetPublisher;
import io.campusguard.simulators.fleet.FleetSettings;
import io.campusguard.simulators.fleet.FleetSimulation;
import io.campusguard.simulators.fleet.SimulationDriver;
import io.campusguard.simulators.gateways.InProcessGateway;
import io.campusguard.simulators.opcua.OpcUaCanteens;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: the simulated county with its console, on one machine with nothing installed. The hub runs on
 * its embedded defaults (embedded PostgreSQL, time series in PostgreSQL, an embedded county broker); the
 * campus side shares that broker (topics {@code campus/...}, disjoint from {@code county/...}); one light
 * gateway per campus runs in this process with its own outbox, rules and connections; the simulated devices
 * publish as real devices do.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the simulated county with its console.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--seed", defaultValue = "2025", description = "scenario seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--port", defaultValue = "8080", description = "console port on 127.0.0.1 (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data", defaultValue = "var/demo", description = "folder for the demo's databases and outboxes (default ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--speed", defaultValue = "1", description = "multiple of county load (default ${DEFAULT-VALUE})")
  double speed;

  @Option(names = "--campuses", defaultValue = "129", description = "how many of the 129 campuses to run (default ${DEFAULT-VALUE})")
  int campuses;

  @Option(names = "--panic-rate", defaultValue = "0.5", description = "panic presses per campus per hour (default ${DEFAULT-VALUE})")
  double panicRate;

  @Override
  public Integer call() throws Exception {
    Clock clock = Clock.systemUTC();
    County whole = CountyScenario.generate(seed);
    County county = whole.only(whole.campuses().stream().limit(campuses).map(Campus::id).toList());
    Files.createDirectories(data);
    System.out.println("CampusGuard demo: starting the county hub (embedded PostgreSQL and county broker)…");
    HubConfig hubConfig = new ConfigLoader().parse(
        "http:\n  port: " + port + "\nembedded:\n  dataDir: " + data.resolve("hub").toAbsolutePath() + "\n", "CG_HUB", Map.of(), HubConfig.class);
    Hub hub = Hub.start(hubConfig).await(5, TimeUnit.MINUTES);
    String broker = hub.embeddedBrokerUrl();
    hub.registerCampuses(county.campuses().stream().map(c -> new Hub.CampusInfo(c.id(), c.name(), c.town())).toList())
        .await(1, TimeUnit.MINUTES);
    int assets = hub.importAssets(county.assetRegister()).await(5, TimeUnit.MINUTES);

    System.out.printf("starting %d campus gateways…%n", county.campuses().size());
    Vertx vertx = Vertx.vertx();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    List<AutoCloseable> running = new ArrayList<>();
    OpcUaCanteens canteens = OpcUaCanteens.start(county, clock.instant());
    BrokerLink link = BrokerLink.of(broker, null, null);
    for (Campus c : county.campuses()) {
      running.add(InProcessGateway.start(c, link, link, canteens.endpointFor(c.id()).orElse(null), data.resolve("gateways"), vertx, scheduler, clock));
    }
    running.add(canteens);

    URI brokerUri = URI.create(broker);
    FleetPublisher publisher = new FleetPublisher(vertx, new EventCodec(clock), brokerUri.getHost(), brokerUri.getPort(), null, null);
    publisher.connect(county.campuses().stream().map(Campus::id).toList()).await(1, TimeUnit.MINUTES);
    FleetSimulation sim = new FleetSimulation(county, FleetSettings.COUNTY_DEFAULTS.withSpeed(speed).withPanicRate(panicRate), seed, clock.instant());
    SimulationDriver driver = new SimulationDriver(vertx, sim, publisher, clock, new SimulationDriver.Listener() {}, canteens);
    driver.start(Duration.ofMillis(200));

    System.out.println();
    System.out.println("  连平县校园安全管理中心 / Lianping County campus safety centre");
    System.out.printf("  console:  http://127.0.0.1:%d/%n", hub.httpPort());
    System.out.printf("  county:   %d campuses, %d devices, %d assets in the register%n", county.campuses().size(), county.devices().count(), assets);
    System.out.printf("  broker:   %s (plaintext on loopback: demo only)%n", broker);
    System.out.printf("  canteens: %d campuses' PLCs over OPC UA (security None on loopback: demo only)%n", canteens.campuses().size());
    System.out.println("  login:    none yet (users and roles arrive with the security issue)");
    System.out.println("  Ctrl-C stops everything.");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      driver.stop();
      for (AutoCloseable r : running) {
        try {
          r.close();
        } catch (Exception ignored) {
          // stopping anyway
        }
      }
      scheduler.shutdownNow();
      try {
        hub.stop().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("hub did not stop cleanly: " + e);
      }
      stop.countDown();
    }, "demo-stop"));
    vertx.setPeriodic(30_000, id -> System.out.printf("devices published %d, gateways acknowledged %d%n", publisher.published(), publisher.acknowledged()));
    stop.await();
    return 0;
  }

}
