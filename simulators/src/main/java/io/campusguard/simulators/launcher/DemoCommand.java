package io.campusguard.simulators.launcher;

import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.campusguard.hub.auth.UserStore;
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
import java.util.concurrent.ExecutorService;
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

  @Option(names = "--broker-port", defaultValue = "1883", description = "the county broker's port on 127.0.0.1 (default ${DEFAULT-VALUE})")
  int brokerPort;

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
    // Every in-process gateway would warn of its plaintext loopback links (258 lines for the county); the demo
    // says it once in its banner instead. Set before the first gateway or hub class creates that logger.
    System.setProperty("org.slf4j.simpleLogger.log.io.campusguard.security.plaintext", "error");
    Clock clock = Clock.systemUTC();
    County whole = CountyScenario.generate(seed);
    County county = whole.only(whole.campuses().stream().limit(campuses).map(Campus::id).toList());
    Files.createDirectories(data);
    System.out.println("CampusGuard demo: starting the county hub (embedded PostgreSQL and county broker)…");
    HubConfig hubConfig = new ConfigLoader().parse(
        "http:\n  port: " + port + "\nembedded:\n  dataDir: " + data.resolve("hub").toAbsolutePath() + "\n  brokerPort: " + brokerPort + "\n",
        "CG_HUB", Map.of(), HubConfig.class);
    Hub hub;
    try {
      hub = Hub.start(hubConfig).await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof io.campusguard.hub.embedded.DataFolderInUse inUse) {
          // Another demo on the same data folder, or its server that would not stop: one line, not a stack.
          System.err.println("demo: " + inUse.getMessage());
          return 2;
        }
      }
      throw e;
    }
    String broker = hub.embeddedBrokerUrl();
    hub.registerCampuses(county.campuses().stream().map(c -> new Hub.CampusInfo(c.id(), c.name(), c.town())).toList())
        .await(1, TimeUnit.MINUTES);
    int assets = hub.importAssets(county.assetRegister()).await(5, TimeUnit.MINUTES);
    List<String> logins = demoUsers(hub, county.campuses().get(0));

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
    System.out.println("  login:    " + String.join("\n            ", logins));
    System.out.println("            (passwords generated at this start and shown once; the next demo start issues new ones)");
    System.out.println("  Ctrl-C stops everything.");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      driver.stop();
      // 129 gateways, each stopping its connectors and outbox: together, not one after another (that took a minute).
      ExecutorService closing = Executors.newFixedThreadPool(32);
      for (AutoCloseable r : running) {
        closing.execute(() -> {
          try {
            r.close();
          } catch (Exception ignored) {
            // stopping anyway
          }
        });
      }
      closing.shutdown();
      try {
        closing.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
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

  /**
   * The demo's console users, one per role, each with a password generated now (no default passwords): the
   * administrator (the one the hub made at its first start, re-issued); an operator; IT staff; and the
   * principal of one campus.
   */
  private static List<String> demoUsers(Hub hub, Campus principalsCampus) throws Exception {
    List<UserStore.Issued> issued = new ArrayList<>();
    // Re-issued even at the first start: the demo prints its users' passwords, and a demo administrator is not
    // held to change a generated password at its first sign-in as a real one is.
    issued.add(hub.provisionUser(new User(UserStore.FIRST_ADMINISTRATOR, "Administrator", Role.ADMIN, null)).await(1, TimeUnit.MINUTES));
    for (User u : List.of(new User("operator", "值班员", Role.OPERATOR, null), new User("it", "信息中心", Role.IT, null),
        new User("principal-" + principalsCampus.id(), principalsCampus.name() + "校长", Role.PRINCIPAL, principalsCampus.id()))) {
      issued.add(hub.provisionUser(u).await(1, TimeUnit.MINUTES));
    }
    List<String> lines = new ArrayList<>();
    for (UserStore.Issued i : issued) {
      String what = switch (i.user().role()) {
        case ADMIN -> "administrator: users, everything";
        case OPERATOR -> "safety centre: all campuses, alarms";
        case IT -> "IT staff: assets, replacement queue";
        case PRINCIPAL -> "principal of " + i.user().campus() + ": own campus only";
      };
      lines.add(String.format("%-20s %s  (%s)", i.user().id(), i.password(), what));
    }
    return lines;
  }

}
