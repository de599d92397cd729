package io.campusguard.simulators.loadtest;

import io.campusguard.devices.Priority;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.simulators.faults.LinkProxy;
import io.campusguard.simulators.opcua.OpcUaCanteens;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.runtime.net.FreePorts;
import io.campusguard.simulators.bench.RawBrokerBaseline;
import io.campusguard.simulators.county.Campus;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.simulators.fleet.Emission;
import io.campusguard.simulators.fleet.FleetPublisher;
import io.campusguard.simulators.fleet.FleetSettings;
import io.campusguard.simulators.fleet.FleetSimulation;
import io.campusguard.simulators.fleet.SimulationDriver;
import io.campusguard.simulators.gateways.InProcessGateway;
import io.campusguard.simulators.report.FaultWindow;
import io.campusguard.simulators.report.LatencyStats;
import io.campusguard.simulators.report.LoadReport;
import io.campusguard.simulators.report.ReportWriter;
import io.campusguard.simulators.report.Series;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A load test of the whole path on real services: simulated devices → campus broker → gateways (in this JVM,
 * and as child processes for the campuses whose gateway is killed) → county broker → hub → PostgreSQL, with
 * faults on a schedule. At the end it reads the hub's event log back and reconciles it with what every device
 * saw acknowledged, then writes {@code report.json} and {@code report.html}. Needs an external broker and
 * PostgreSQL (a hub outage must not take them down with it).
 */
public final class LoadTest {
  private static final Duration SAMPLE = Duration.ofSeconds(1);
  /**
   * How long a gateway may take to read its PLC again after being cut off from it: the OPC UA reconnect
   * backoff's cap (16 s) plus a session and subscription.
   */
  static final Duration OPC_UA_GRACE = Duration.ofSeconds(25);

  /**
   * What the run uses. Without {@code dbUrl} the hub runs on its embedded defaults, as {@code ./campusguard demo}
   * does: its own PostgreSQL and county broker in its data folder, both stopped and started with it in a hub
   * outage, and the broker given here serves the campus side only.
   */
  public record Services(String brokerUrl, String brokerUser, String brokerPassword, String dbUrl, String dbUser, String dbPassword, String influxUrl) {
    public boolean embeddedHub() {
      return dbUrl == null;
    }
  }

  public record Plan(
      long seed, int campuses, double multiple, Duration duration, double panicRatePerCampusHour, List<FaultSpec> faults,
      Path outDir, Path workDir, Duration alarmLatencyBound, Duration drainLimit, Services services) {}

  private final Plan plan;
  private final Consumer<String> progress;
  private final Clock clock = Clock.systemUTC();
  private final Ledger ledger = new Ledger();
  private final List<FaultWindow> faultLog = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<LoadReport.LinkChange>> links = new ConcurrentHashMap<>();
  private final Map<Priority, List<Series.Point>> outboxDepth = new ConcurrentHashMap<>();
  private final Map<EmissionKey, Long> sseArrivals = new ConcurrentHashMap<>();
  private final AtomicReference<Hub> hub = new AtomicReference<>();

  public LoadTest(Plan plan, Consumer<String> progress) {
    this.plan = plan;
    this.progress = progress;
  }

  public LoadReport run() throws Exception {
    Services s = plan.services();
    County whole = CountyScenario.generate(plan.seed());
    County county = whole.only(whole.campuses().stream().limit(plan.campuses()).map(Campus::id).toList());
    Files.createDirectories(plan.workDir());
    FaultInjector.validateTargets(plan.faults(), county);
    progress.accept("measuring the raw broker baseline…");
    RawBrokerBaseline.Result baseline = RawBrokerBaseline.measure(s.brokerUrl(), s.brokerUser(), s.brokerPassword(), 20_000, 200);
    progress.accept(String.format("raw broker: %.0f msg/s, p99 %d ms", baseline.ratePerS(), baseline.latencyMs().p99()));

    // A county-broker restart needs a broker this run owns; otherwise both sides share the given broker.
    MosquittoProcess ownCountyBroker = null;
    boolean brokerRestart = plan.faults().stream().anyMatch(f -> f.kind() == FaultSpec.Kind.COUNTY_BROKER_RESTART);
    if (brokerRestart && s.embeddedHub()) {
      throw new IllegalArgumentException("county-broker-restart: the hub's embedded county broker restarts with the hub (use hub-outage), or give --database-url");
    }
    if (brokerRestart) {
      Path bin = MosquittoProcess.findBinary().orElseThrow(() -> new IllegalStateException(
          "county-broker-restart: the load test runs its own county broker for it and needs Mosquitto (set CG_TEST_MOSQUITTO_BIN or install mosquitto)"));
      ownCountyBroker = MosquittoProcess.start(bin, plan.workDir().resolve("county-broker"));
      progress.accept("county broker: own Mosquitto at " + ownCountyBroker.url() + " (campus side stays on " + s.brokerUrl() + ")");
    }
    BrokerLink campusLink = BrokerLink.of(s.brokerUrl(), s.brokerUser(), s.brokerPassword());
    BrokerLink countyLink = ownCountyBroker == null ? campusLink : BrokerLink.of(ownCountyBroker.url(), null, null);

    int httpPort = FreePorts.pick();
    // The embedded county broker keeps its port across hub restarts, as a county's gateways expect.
    HubConfig hubConfig = hubConfig(httpPort, countyLink, s.embeddedHub() ? FreePorts.pick() : 0);
    hub.set(Hub.start(hubConfig).await(2, TimeUnit.MINUTES));
    if (s.embeddedHub()) {
      countyLink = BrokerLink.of(hub.get().embeddedBrokerUrl(), null, null);
      progress.accept("hub on its embedded defaults: PostgreSQL in " + plan.workDir().resolve("hub") + ", county broker " + countyLink.url());
    }
    hub.get().registerCampuses(county.campuses().stream().map(c -> new Hub.CampusInfo(c.id(), c.name(), c.town())).toList())
        .await(1, TimeUnit.MINUTES);

    Vertx vertx = Vertx.vertx();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    OpcUaCanteens canteens = OpcUaCanteens.start(county, clock.instant());
    progress.accept("canteen PLCs over OPC UA: " + canteens.campuses());
    Map<String, LinkProxy> proxies = new HashMap<>();
    java.net.URI countyUri = java.net.URI.create(countyLink.url());
    for (FaultSpec f : plan.faults()) {
      if (f.kind() == FaultSpec.Kind.LINK_BLACKHOLE && !proxies.containsKey(f.target())) {
        proxies.put(f.target(), LinkProxy.start(vertx, countyUri.getHost(), countyUri.getPort()).await(10, TimeUnit.SECONDS));
      }
    }
    Map<String, ChildGateway> children = new HashMap<>();
    List<InProcessGateway> inProcess = new ArrayList<>();
    for (FaultSpec f : plan.faults()) {
      if (f.kind() == FaultSpec.Kind.GATEWAY_KILL && !children.containsKey(f.target())) {
        BrokerLink up = countyLinkOf(f.target(), countyLink, proxies);
        children.put(f.target(), new ChildGateway(f.target(), plan.workDir(), campusLink.url(), campusLink.username(), campusLink.password(),
            up.url(), up.username(), up.password(), canteens.endpointFor(f.target()).orElse(null)));
      }
    }
    for (ChildGateway c : children.values()) {
      c.start().get(2, TimeUnit.MINUTES);
    }
    for (Campus c : county.campuses()) {
      if (!children.containsKey(c.id())) {
        inProcess.add(InProcessGateway.start(c, campusLink, countyLinkOf(c.id(), countyLink, proxies), canteens.endpointFor(c.id()).orElse(null),
            plan.workDir().resolve("gateways"), vertx, scheduler, clock));
      }
    }
    progress.accept(String.format("%d gateways up (%d as child processes, %d behind a link proxy)", inProcess.size() + children.size(), children.size(), proxies.size()));
    awaitCanteenSubscriptions(inProcess);

    java.net.URI broker = java.net.URI.create(s.brokerUrl());
    // The devices and the console watcher are other machines than the gateways: their own event loops, so a
    // gateway busy resending to a slow hub does not delay the devices' PUBACKs or the SSE stream on a shared loop.
    Vertx devicesVertx = Vertx.vertx();
    FleetPublisher publisher = new FleetPublisher(devicesVertx, new EventCodec(clock), broker.getHost(), broker.getPort(), s.brokerUser(), s.brokerPassword());
    publisher.connect(county.campuses().stream().map(Campus::id).toList()).await(1, TimeUnit.MINUTES);
    Instant start = clock.instant();
    long startMillis = start.toEpochMilli();
    FleetSimulation sim = new FleetSimulation(
        county, FleetSettings.COUNTY_DEFAULTS.withSpeed(plan.multiple()).withPanicRate(plan.panicRatePerCampusHour()), plan.seed(), start);
    SimulationDriver driver = new SimulationDriver(devicesVertx, sim, publisher, clock, new LedgerListener(), new SimulationDriver.OtherTransport() {
      @Override
      public boolean carries(Emission e) {
        return canteens.serves(e);
      }

      @Override
      public void send(Emission e) {
        if (canteens.serve(e) == OpcUaCanteens.Served.CHANGED) {
          ledger.servedOverOpcUa(new EmissionKey(e.device(), e.ts()), e.campus(), clock.millis());
        }
      }
    });
    io.campusguard.hub.auth.UserStore.Issued watcher = hub.get()
        .provisionUser(new io.campusguard.hub.auth.User("loadtest", "load test", io.campusguard.hub.auth.Role.OPERATOR, null))
        .await(1, TimeUnit.MINUTES);
    SseWatcher sse = new SseWatcher(devicesVertx, httpPort, sseArrivals, watcher.user().id(), watcher.password());
    sse.start();
    driver.start(Duration.ofMillis(100));

    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> sample(startMillis, inProcess, children.values()), 1, SAMPLE.toSeconds(), TimeUnit.SECONDS);
    // Faults block (a hub outage waits out its length): they get their own threads, never the gateways' timers.
    ScheduledExecutorService faultThreads = Executors.newScheduledThreadPool(Math.max(1, plan.faults().size()));
    FaultInjector injector = new FaultInjector(
        new FaultInjector.Rig(hub, hubConfig, children, driver, publisher, county, ownCountyBroker, proxies, canteens), progress, clock, startMillis, faultLog);
    for (FaultSpec f : plan.faults()) {
      faultThreads.schedule(() -> injector.inject(f), f.at().toMillis(), TimeUnit.MILLISECONDS);
    }
    long endAt = startMillis + plan.duration().toMillis();
    while (clock.millis() < endAt) {
      Thread.sleep(Math.min(10_000, Math.max(1, endAt - clock.millis())));
      progress.accept(String.format("%3.0f s: devices sent %d, acknowledged %d", (clock.millis() - startMillis) / 1000.0, publisher.published(), publisher.acknowledged()));
    }
    driver.stop();
    long endMillis = clock.millis();
    progress.accept(String.format("load stopped; draining until every acknowledged event is committed or every gateway outbox is empty (at most %s)…",
        plan.drainLimit()));
    Drain drain = drain(startMillis, endMillis, inProcess, children.values());
    progress.accept(String.format("drain ended after %.0f s: %s", drain.seconds(), drain.endedBy()));
    sampler.shutdownNow();
    faultThreads.shutdownNow();
    sse.stop();

    // What is still in an outbox is not lost: stop the gateways, read what their outboxes hold, and only then
    // read the hub's log, so an event that left an outbox after we read it is already in the log we read.
    publisher.close().await(10, TimeUnit.SECONDS);
    List<Path> outboxFiles = new ArrayList<>();
    for (InProcessGateway g : inProcess) {
      outboxFiles.add(g.gateway().outbox().file());
      g.close();
    }
    for (ChildGateway c : children.values()) {
      outboxFiles.add(c.outboxFile());
      c.close();
    }
    java.util.Set<EmissionKey> inOutboxes = OutboxCensus.remaining(outboxFiles, clock);
    List<CommittedEvent> committed = committed();

    Reconciliation.Result r = Reconciliation.reconcile(ledger.acked(), committed, inOutboxes, startMillis, faultLog, 10_000);
    LatencyStats sseLatency = new LatencyStats(10);
    ledger.acked().values().stream().filter(Ledger.Sent::alarm).forEach(sent -> {
      Long arrived = sseArrivals.get(sent.key());
      if (arrived != null) {
        sseLatency.record((sent.publishedAtMillis() - startMillis) / 1000.0, arrived - sent.publishedAtMillis());
      }
    });
    double seconds = plan.duration().toMillis() / 1000.0;
    List<String> failures = new ArrayList<>();
    failures.addAll(injector.failed());
    if (r.lost() > 0) {
      failures.add(r.lost() + " acknowledged events neither committed nor in any gateway outbox, e.g. " + r.lostSample());
    }
    if (r.duplicates() > 0) {
      failures.add(r.duplicates() + " events committed more than once");
    }
    if (r.outsideFaults().summary().max() > plan.alarmLatencyBound().toMillis()) {
      failures.add("alarm latency outside fault windows reached " + r.outsideFaults().summary().max() + " ms (bound " + plan.alarmLatencyBound().toMillis() + " ms)");
    }
    Reconciliation.OpcUaResult o = Reconciliation.reconcileOpcUa(
        ledger.opcua().values(), committed, inOutboxes, startMillis, endMillis, List.copyOf(faultLog), OpcUaCanteens.MIN_HOLD.toMillis(), OPC_UA_GRACE.toMillis());
    if (o.lost() > 0) {
      failures.add(o.lost() + " OPC UA canteen readings the gateway had to read never committed, e.g. " + o.lostSample());
    }
    if (o.duplicates() > 0) {
      failures.add(o.duplicates() + " OPC UA canteen readings committed more than once");
    }
    if (!canteens.campuses().isEmpty() && o.committed() == 0) {
      failures.add("no OPC UA canteen reading reached the hub");
    }
    if (r.all().count() == 0) {
      failures.add("no panic alarm was measured");
    }
    double throughput = r.committed() / seconds;
    List<Series> depth = new ArrayList<>();
    outboxDepth.forEach((p, points) -> depth.add(new Series(p.name(), points)));
    depth.sort((a, b) -> a.name().compareTo(b.name()));
    List<LoadReport.LinkStrip> strips = new ArrayList<>();
    new java.util.TreeMap<>(links).forEach((campus, changes) -> strips.add(new LoadReport.LinkStrip(campus, changes)));
    LoadReport report = new LoadReport(
        String.format("%d campuses at %.1f× county load for %s", county.campuses().size(), plan.multiple(), plan.duration()),
        start.toString(), seconds, plan.multiple(),
        new LoadReport.Counts(r.sent(), r.committed(), r.lost(), r.duplicates(), r.outOfOrder(), allEvents(), r.stillInOutbox()),
        new LoadReport.DrainSummary(drain.seconds(), drain.endedBy(), plan.drainLimit().toSeconds(), inOutboxes.size()),
        new LoadReport.OpcUaCounts(o.served(), o.promised(), o.committed(), o.excused(), o.lost(), o.duplicates(), o.stillInOutbox()),
        throughput, r.all().summary(), r.outsideFaults().summary(), sseLatency.summary(),
        new LoadReport.Baseline(baseline.ratePerS(), baseline.latencyMs(), throughput / baseline.ratePerS()),
        List.copyOf(faultLog),
        new LoadReport.Charts(List.of(new Series("committed/s", committedPerSecond(startMillis))), r.all().overTime(), depth, strips),
        new LoadReport.Verdict(failures.isEmpty(), failures));
    ReportWriter.write(report, plan.outDir());

    proxies.values().forEach(LinkProxy::close);
    canteens.close();
    scheduler.shutdownNow();
    vertx.close().await(20, TimeUnit.SECONDS);
    devicesVertx.close().await(20, TimeUnit.SECONDS);
    hub.get().stop().await(2, TimeUnit.MINUTES); // an overloaded hub takes long to stop (seen: 54 s); the fault waits as long
    if (ownCountyBroker != null) {
      ownCountyBroker.close();
    }
    return report;
  }

  private HubConfig hubConfig(int httpPort, BrokerLink county, int embeddedBrokerPort) {
    Services s = plan.services();
    StringBuilder yaml = new StringBuilder();
    yaml.append("http:\n  port: ").append(httpPort).append('\n');
    if (!s.embeddedHub()) {
      yaml.append("database:\n  url: \"").append(s.dbUrl()).append("\"\n  user: \"").append(s.dbUser()).append("\"\n");
      if (s.dbPassword() != null && !s.dbPassword().isEmpty()) {
        yaml.append("  password: \"").append(s.dbPassword()).append("\"\n");
      }
      yaml.append("mqtt:\n  url: \"").append(county.url()).append("\"\n");
      if (county.username() != null) {
        yaml.append("  user: \"").append(county.username()).append("\"\n  password: \"").append(county.password()).append("\"\n");
      }
    }
    if (s.influxUrl() != null) {
      yaml.append("influx:\n  url: \"").append(s.influxUrl()).append("\"\n");
    }
    yaml.append("embedded:\n  dataDir: \"").append(plan.workDir().resolve("hub")).append("\"\n");
    if (embeddedBrokerPort != 0) {
      yaml.append("  brokerPort: ").append(embeddedBrokerPort).append('\n');
    }
    return new ConfigLoader().parse(yaml.toString(), "CG_LOADTEST_HUB", Map.of(), HubConfig.class);
  }

  /** Records every publish the gateway forwards (heartbeats and debounced camera states are not promised). */
  private final class LedgerListener implements SimulationDriver.Listener {
    private final Map<Emission, Long> publishedAt = new ConcurrentHashMap<>();

    @Override
    public void published(Emission e, long nanos) {
      ledger.attempted();
      publishedAt.put(e, clock.millis());
    }

    @Override
    public void acknowledged(Emission e, long nanos, AsyncResult<Void> outcome) {
      Long at = publishedAt.remove(e);
      if (outcome.failed()) {
        ledger.unacknowledged();
        return;
      }
      if (e.body() instanceof DeviceHeartbeat || e.body() instanceof CameraStatus) {
        return;
      }
      boolean alarm = e.body() instanceof PanicEvent p && p.action() == PanicEvent.Action.PRESSED;
      ledger.acknowledged(new Ledger.Sent(new EmissionKey(e.device(), e.ts()), e.campus(), alarm, at == null ? clock.millis() : at, clock.millis()));
    }
  }

  private static BrokerLink countyLinkOf(String campus, BrokerLink county, Map<String, LinkProxy> proxies) {
    LinkProxy proxy = proxies.get(campus);
    return proxy == null ? county : BrokerLink.of(proxy.url(), county.username(), county.password());
  }

  /** Readings a PLC holds before its gateway subscribes are not the gateway's to deliver: start once subscribed. */
  private void awaitCanteenSubscriptions(List<InProcessGateway> gateways) throws InterruptedException {
    long deadline = clock.millis() + 60_000;
    while (clock.millis() < deadline) {
      long waiting = gateways.stream()
          .flatMap(g -> g.gateway().health().connectors().entrySet().stream())
          .filter(e -> e.getKey().startsWith("opcua-") && e.getValue() != io.campusguard.devices.body.GatewayHealth.ConnectorState.UP)
          .count();
      if (waiting == 0) {
        return;
      }
      Thread.sleep(200);
    }
    progress.accept("some canteen PLC subscriptions are still not up after 60 s; their readings count from when they are");
  }

  private void sample(long startMillis, List<InProcessGateway> gateways, java.util.Collection<ChildGateway> children) {
    double at = (clock.millis() - startMillis) / 1000.0;
    try (Connection c = database(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT id, link_state FROM campuses")) {
        while (rs.next()) {
          List<LoadReport.LinkChange> changes = links.computeIfAbsent(rs.getString(1), k -> Collections.synchronizedList(new ArrayList<>()));
          String state = rs.getString(2);
          if (changes.isEmpty() || !changes.get(changes.size() - 1).state().equals(state)) {
            changes.add(new LoadReport.LinkChange(at, state));
          }
        }
      }
    } catch (Exception e) {
      // The hub or its database may be down during a fault; the gap shows in the chart.
    }
    // A child gateway that does not answer (killed) adds nothing: its depth is unknown, not zero, for a moment.
    Map<Priority, Long> depth = OutboxCensus.depth(gateways, children).lanes();
    depth.forEach((p, d) -> outboxDepth.computeIfAbsent(p, k -> Collections.synchronizedList(new ArrayList<>())).add(new Series.Point(at, d)));
  }

  /** Drain rounds (two seconds apart) between reads of the whole event log. */
  private static final int FULL_READ_EVERY = 15;

  /** How the drain ended: after how long, and why ("every acknowledged event committed", "outboxes empty", "drain limit"). */
  record Drain(double seconds, String endedBy) {}

  /**
   * Waits, at most the plan's drain limit, until every acknowledged publish and promised OPC UA reading is in
   * the event log, or every gateway's outbox is empty (twice in a row, two seconds apart: nothing left to
   * send), and shows the progress. Reads the log incrementally, by hub time with a wide overlap, so a long
   * drain does not read the whole log every round; but a row's hub time is set when the hub examines its batch,
   * and under overload the commit can come minutes later, so every {@link #FULL_READ_EVERY} rounds, and
   * before giving up at the limit, it reads the whole log again. An under-count only makes it wait longer; the
   * reconciliation reads the whole log anyway.
   */
  private Drain drain(long startMillis, long endMillis, List<InProcessGateway> inProcess, java.util.Collection<ChildGateway> children)
      throws Exception {
    long began = clock.millis();
    long deadline = began + plan.drainLimit().toMillis();
    java.util.Set<EmissionKey> committedKeys = new java.util.HashSet<>();
    long watermark = 0;
    int emptyRounds = 0;
    for (int round = 1; ; round++) {
      boolean last = clock.millis() >= deadline;
      if (round % FULL_READ_EVERY == 0 || last) {
        watermark = 0;
      }
      watermark = readCommittedKeys(watermark - 60_000, committedKeys);
      List<FaultWindow> faults = List.copyOf(faultLog);
      long missing = ledger.ackedKeys().stream().filter(k -> !committedKeys.contains(k)).count()
          + ledger.opcua().values().stream()
              .filter(v -> !committedKeys.contains(v.key()))
              .filter(v -> Reconciliation.opcUaPromised(v, startMillis, endMillis, faults, OpcUaCanteens.MIN_HOLD.toMillis(), OPC_UA_GRACE.toMillis()))
              .count();
      OutboxCensus.Depth depth = OutboxCensus.depth(inProcess, children);
      double elapsed = (clock.millis() - began) / 1000.0;
      if (missing == 0) {
        return new Drain(elapsed, "every acknowledged event committed");
      }
      emptyRounds = depth.empty() ? emptyRounds + 1 : 0;
      if (emptyRounds >= 2) {
        return new Drain(elapsed, "every gateway outbox empty, " + missing + " acknowledged events not committed");
      }
      if (last) {
        return new Drain(elapsed, "drain limit reached, " + missing + " acknowledged events not committed, outboxes hold " + depth.describe());
      }
      progress.accept(String.format("drain %3.0f s: %d acknowledged events not yet committed; outboxes hold %s", elapsed, missing, depth.describe()));
      Thread.sleep(2_000);
    }
  }

  /** Adds the publishes committed at or after {@code sinceMillis} (hub time) to {@code keys}; returns the latest hub time seen. */
  private long readCommittedKeys(long sinceMillis, java.util.Set<EmissionKey> keys) throws Exception {
    long latest = Math.max(0, sinceMillis);
    try (Connection c = database();
        java.sql.PreparedStatement st = c.prepareStatement(
            "SELECT device_id, source_ts, hub_ts FROM events WHERE hub_ts >= ? AND kind <> 'alarm' AND kind <> 'gateway'")) {
      st.setObject(1, java.time.OffsetDateTime.ofInstant(Instant.ofEpochMilli(Math.max(0, sinceMillis)), java.time.ZoneOffset.UTC));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          keys.add(new EmissionKey(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant()));
          latest = Math.max(latest, rs.getObject(3, java.time.OffsetDateTime.class).toInstant().toEpochMilli());
        }
      }
    }
    return latest;
  }

  /**
   * Events of every kind the hub committed in each second of the run and its drain, from their commit times: read
   * once at the end rather than counting the whole log every second while the hub works (a full scan each time).
   */
  private List<Series.Point> committedPerSecond(long startMillis) throws Exception {
    List<Series.Point> points = new ArrayList<>();
    try (Connection c = database();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT floor(extract(epoch FROM hub_ts))::bigint AS second, count(*) FROM events GROUP BY 1 ORDER BY 1")) {
      long startSecond = startMillis / 1000;
      long expected = startSecond;
      while (rs.next()) {
        long second = rs.getLong(1);
        if (second < startSecond) {
          continue;
        }
        for (; expected < second; expected++) {
          points.add(new Series.Point(expected - startSecond, 0)); // a second with no commit (an outage) is a zero, not a gap
        }
        points.add(new Series.Point(second - startSecond, rs.getLong(2)));
        expected = second + 1;
      }
    }
    return points;
  }

  /** The hub's database: the run's own, or the hub's embedded one wherever its latest start put it. */
  private Connection database() throws java.sql.SQLException {
    io.campusguard.hub.store.DatabaseConfig d = hub.get().database();
    return DriverManager.getConnection(d.jdbcUrl(), d.user(), d.password());
  }

  /** Every event the hub committed in the run (its database is the run's own). */
  private long allEvents() throws Exception {
    try (Connection c = database();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<CommittedEvent> committed() throws Exception {
    List<CommittedEvent> out = new ArrayList<>();
    try (Connection c = database();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, campus_id, seq, device_id, source_ts, hub_ts FROM events WHERE kind <> 'alarm' AND kind <> 'gateway'")) {
      while (rs.next()) {
        out.add(new CommittedEvent(rs.getString(1), rs.getString(2), rs.getLong(3),
            new EmissionKey(rs.getString(4), rs.getObject(5, java.time.OffsetDateTime.class).toInstant()),
            rs.getObject(6, java.time.OffsetDateTime.class).toInstant().toEpochMilli()));
      }
    }
    return out;
  }
}
