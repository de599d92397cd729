package io.campusguard.hub;

import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.alarms.AlarmRules;
import io.campusguard.hub.alarms.PanicTestWindows;
import io.campusguard.hub.board.FourHundredPercent;
import io.campusguard.hub.store.BoardStore;
import io.campusguard.hub.store.PanicTestStore;
import io.campusguard.hub.web.BoardApi;
import io.campusguard.hub.web.CanteenApi;
import io.campusguard.hub.web.CampusTimelineApi;
import io.campusguard.hub.web.ProceduresApi;
import io.campusguard.hub.web.RosterApi;
import io.campusguard.hub.web.PlacesApi;
import io.campusguard.hub.video.DevicePlaces;
import io.campusguard.hub.notify.AlarmNotifier;
import io.campusguard.hub.notify.Channels;
import io.campusguard.hub.notify.NoticeFacts;
import io.campusguard.hub.notify.NotificationDispatcher;
import io.campusguard.hub.notify.NotificationLog;
import io.campusguard.hub.roster.RosterStore;
import io.campusguard.hub.store.CampusTimelineStore;
import io.campusguard.hub.store.ProcedureStore;
import io.campusguard.hub.engine.AlarmWriter;
import io.campusguard.hub.engine.EscalationTimer;
import io.campusguard.hub.engine.KeyedSequencer;
import io.campusguard.hub.engine.PendingAlarmSweep;
import io.campusguard.hub.ingest.CountyConnection;
import io.campusguard.hub.ingest.IngestCounters;
import io.campusguard.hub.ingest.MqttConfig;
import io.campusguard.hub.ingest.UplinkIngest;
import io.campusguard.hub.monitoring.CampusLinkGauge;
import io.campusguard.hub.monitoring.DependencyCheck;
import io.campusguard.hub.monitoring.HubMonitoringMeters;
import io.campusguard.hub.store.AlarmStore;
import io.campusguard.hub.store.CampusStore;
import io.campusguard.hub.store.ChangeFeed;
import io.campusguard.hub.store.Database;
import io.campusguard.hub.store.DatabaseConfig;
import io.campusguard.hub.store.DeadLetterStore;
import io.campusguard.hub.store.DeviceStore;
import io.campusguard.hub.store.EventStore;
import io.campusguard.hub.store.WebhookOutbox;
import io.campusguard.hub.upstream.WebhookSender;
import io.campusguard.hub.supervision.LinkSupervisor;
import io.campusguard.hub.supervision.PathLatency;
import io.campusguard.hub.supervision.PathSeries;
import io.campusguard.hub.supervision.SupervisionService;
import io.campusguard.hub.security.GatewaySessions;
import io.campusguard.hub.security.SecurityEvent;
import io.campusguard.hub.security.SecurityEventLog;
import io.campusguard.hub.security.SecurityEventStore;
import io.campusguard.hub.security.SecurityEventsApi;
import io.campusguard.hub.security.SubstitutionWatch;
import io.campusguard.hub.telemetry.InfluxTimeSeriesStore;
import io.campusguard.hub.telemetry.PostgresTimeSeriesStore;
import io.campusguard.hub.telemetry.TelemetryRecorder;
import io.campusguard.hub.telemetry.TimeSeriesStore;
import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.hub.auth.AuditLog;
import io.campusguard.hub.auth.ResourceCampus;
import io.campusguard.hub.auth.SecretTokens;
import io.campusguard.hub.auth.SessionStore;
import io.campusguard.hub.auth.UserStore;
import io.campusguard.hub.web.AuthApi;
import io.campusguard.hub.web.RouteGuard;
import io.campusguard.hub.web.SessionAuth;
import io.campusguard.hub.web.AssetsApi;
import io.campusguard.hub.store.AssetStore;
import io.campusguard.hub.replacement.ReplacementPolicy;
import io.campusguard.hub.auth.FirstAdministratorFile;
import io.campusguard.hub.store.RetentionSweep;
import io.campusguard.hub.web.ChangeStream;
import io.campusguard.hub.web.HttpLimits;
import io.campusguard.hub.web.HubApi;
import io.campusguard.runtime.Version;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring only: makes the hub's parts, connects them and starts them on this verticle's context, in an order where
 * nothing receives work before what it needs is ready (database, stores, alarm writer, supervision, HTTP, and the
 * broker last).
 */
public final class HubVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HubVerticle.class);
  static final java.time.Duration PENDING_SWEEP_EVERY = java.time.Duration.ofSeconds(5);
  static final java.time.Duration WEBHOOK_EVERY = java.time.Duration.ofMillis(200);
  static final java.time.Duration TEST_WINDOW_RELOAD = java.time.Duration.ofSeconds(2);
  static final java.time.Duration TEST_WINDOW_MEMORY = java.time.Duration.ofDays(7);
  static final java.time.Duration PATH_SERIES_EVERY = PathSeries.DEFAULT_EVERY;
  static final java.time.Duration DEPENDENCY_CHECK_EVERY = java.time.Duration.ofSeconds(10);
  static final java.time.Duration DEPENDENCY_CHECK_TIMEOUT = java.time.Duration.ofSeconds(5);
  static final java.time.Duration CAMPUS_LINK_GAUGE_EVERY = java.time.Duration.ofSeconds(5);
  static final java.time.Duration ROSTER_CACHE = java.time.Duration.ofSeconds(5);
  static final java.time.Duration NOTIFICATION_STOPS_KEPT = java.time.Duration.ofMinutes(10);

  private final HubConfig config;
  private final DatabaseConfig database;
  private final MqttConfig mqtt;
  private final PrometheusMeterRegistry metrics;
  private final Clock clock;

  private Database db;
  private CountyConnection connection;
  private SupervisionService supervision;
  private EscalationTimer escalation;
  private PendingAlarmSweep sweep;
  private TimeSeriesStore timeSeries;
  private TelemetryRecorder telemetry;
  private WebhookSender webhook;
  private NotificationDispatcher notifications;
  private long notificationsTimer = -1;
  private ChangeStream stream;
  private HttpServer http;
  private IngestCounters counters;
  private CampusStore campusStore;
  private AssetStore assetStore;
  private UserStore userStore;
  private Optional<UserStore.Issued> firstAdministrator = Optional.empty();
  private final PanicTestWindows testWindows = new PanicTestWindows();
  private long testWindowReload = -1;
  private long pathSeriesTimer = -1;
  private long dependencyTimer = -1;
  private long campusLinkTimer = -1;
  private long retentionTimer = -1;
  private final java.util.List<DependencyCheck> dependencies = new java.util.ArrayList<>();

  public HubVerticle(HubConfig config, DatabaseConfig database, MqttConfig mqtt, PrometheusMeterRegistry metrics, Clock clock) {
    this.config = config;
    this.database = database;
    this.mqtt = mqtt;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return Database.start(vertx, database).compose(started -> {
      db = started;
      EventCodec codec = new EventCodec(clock);
      EventStore events = new EventStore(db.pool(), codec, config.alarms().lateBound());
      DeadLetterStore deadLetters = new DeadLetterStore(db.pool());
      boolean upstream = config.webhook().url() != null;
      // Alarm rows live on the alarm pool too: raising a P0 alarm never waits for a connection behind telemetry.
      AlarmStore alarms = new AlarmStore(db.alarmPool(), upstream ? new WebhookOutbox(config.webhook().url()) : null);
      config.webhook().warnings().forEach(w -> LOG.warn("security: {}", w));
      webhook = upstream
          ? new WebhookSender(vertx, db.pool(), config.webhook().schedule(), clock, WEBHOOK_EVERY, config.webhook().timeout(),
              config.webhook().signature())
          : null;
      // Notifications follow every committed alarm change, off the alarm path (issue 22).
      NotificationLog notificationLog = new NotificationLog(db.pool());
      notifications = new NotificationDispatcher(vertx, Channels.of(vertx, config.notifications(), clock), config.notifications().retries(),
          config.notifications().queueCapacity(), config.notifications().concurrency(), notificationLog::record,
          id -> alarms.get(id).map(a -> a.map(x -> x.state() == io.campusguard.hub.alarms.AlarmState.OPEN).orElse(false)), clock);
      metrics.gauge("cg_notifications_active", notifications, NotificationDispatcher::active);
      io.micrometer.core.instrument.FunctionCounter.builder("cg_notifications_refused", notifications, NotificationDispatcher::refused)
          .description("notices not sent because the notification queue was full").register(metrics);
      RosterStore roster = new RosterStore(db.pool(), ROSTER_CACHE);
      alarms.observeCommitted(new AlarmNotifier(roster, new NoticeFacts(db.pool()), notifications, notificationLog, config.notifications(), clock)::changed);
      CampusStore campuses = new CampusStore(db.pool());
      campusStore = campuses;
      assetStore = new AssetStore(db.pool());
      ChangeFeed feed = new ChangeFeed(db.pool());
      stream = new ChangeStream(vertx, feed);
      metrics.gauge("cg_sse_clients", stream, ChangeStream::clients);
      LinkSupervisor supervisor = new LinkSupervisor(config.supervision().reportingTime());
      metrics.gauge("cg_campus_links_lost", supervisor, s -> s.campuses().stream().filter(s::isLost).count());
      CampusLinkGauge campusLinks = new CampusLinkGauge(metrics);
      PathLatency latency = new PathLatency(PathLatency.DEFAULT_WINDOW, metrics);
      counters = new IngestCounters(metrics);
      timeSeries = config.influx().url() == null
          ? new PostgresTimeSeriesStore(db.pool())
          : new InfluxTimeSeriesStore(vertx, config.influx().url(), config.influx().database(), config.influx().user(), config.influx().password());
      telemetry = new TelemetryRecorder(vertx, timeSeries, config.influx().flushEvery(), metrics);
      dependencies.add(new DependencyCheck("postgresql", () -> db.pool().query("SELECT 1").execute().mapEmpty(), DEPENDENCY_CHECK_TIMEOUT));
      if (timeSeries instanceof InfluxTimeSeriesStore influx) {
        dependencies.add(new DependencyCheck("influxdb", influx::ping, DEPENDENCY_CHECK_TIMEOUT));
      }
      dependencies.forEach(check -> HubMonitoringMeters.bindDependency(metrics, check));
      PathSeries pathSeries = new PathSeries(latency, supervisor, telemetry::record);

      PanicTestStore panicTests = new PanicTestStore(db.pool());
      AlarmRules rules = new AlarmRules(config.alarms().lateBound(), supervisor::isLost, testWindows::covers);
      AlarmWriter writer = new AlarmWriter(rules, alarms, new KeyedSequencer(context), clock, changes -> stream.nudge());
      EventStore alarmEvents = new EventStore(db.alarmPool(), codec, config.alarms().lateBound());
      UplinkIngest ingest = new UplinkIngest(vertx, codec, events, alarmEvents, deadLetters, writer,
          (topic, payload) -> connection.publish(topic, payload),
          latency, counters, clock, config.alarms().lateBound(), telemetry::accept);
      supervision = new SupervisionService(vertx, supervisor, codec, campuses, deadLetters, writer, clock, config.supervision().tick());
      // Replay and substitution (issue 8, part 3): checked after each commit and each accepted status, never before an ack.
      SecurityEventStore securityEvents = new SecurityEventStore(db.pool());
      SecurityEventLog securityLog = new SecurityEventLog(securityEvents, metrics);
      SubstitutionWatch substitution = new SubstitutionWatch(securityEvents, securityLog, new GatewaySessions(GatewaySessions.DEFAULT_MEMORY), clock);
      ingest.observeCommitted(substitution::batchCommitted);
      // A batch naming another campus than its topic: refused by ingest (which counts it), stored here as a security event.
      ingest.observeCampusMismatch((campus, batch) ->
          securityLog.keep(SecurityEvent.campusMismatch(campus, batch.campus(), batch.batchId(), clock.instant())));
      ingest.withAlarmAcks((topic, payload) -> connection.publishUrgent(topic, payload));
      supervision.onAcceptedStatus(substitution::statusAccepted);
      escalation = new EscalationTimer(vertx, alarms, config.alarms().escalationPolicies(), clock, config.alarms().escalationTick(), changes -> stream.nudge());
      sweep = new PendingAlarmSweep(vertx, events, writer, clock, PendingAlarmSweep.DEFAULT_GRACE);
      connection = new CountyConnection(mqtt, context, ingest::handle, supervision::handleStatus);

      userStore = new UserStore(vertx, db.pool(), new BcryptPasswords());
      SessionStore sessions = new SessionStore(db.pool(), config.http().sessionTimeouts(), new SecretTokens());
      stream.withSessionCheck(id -> sessions.isLive(id, clock.instant()));
      HubApi api = new HubApi(alarms, campuses, new DeviceStore(db.pool()), stream, supervisor, latency, timeSeries, deadLetters,
          supervision::gatewayInfo, metrics,
          new SessionAuth(sessions, clock), clock, this::health)
          .withAuth(new AuthApi(userStore, sessions, new AuditLog(db.pool()), clock, metrics), new RouteGuard(new ResourceCampus(db.pool())))
          .withAssets(new AssetsApi(assetStore, timeSeries, ReplacementPolicy.DEFAULT, clock))
          .withCanteens(new CanteenApi(new DeviceStore(db.pool()), timeSeries, alarms, clock))
          .withBoard(new BoardApi(new BoardStore(db.pool()), panicTests, testWindows, new FourHundredPercent(), clock))
          .withProcedures(new ProceduresApi(new ProcedureStore(db.pool()), clock))
          .withRoster(new RosterApi(roster, notificationLog, clock),
              new PlacesApi(new DevicePlaces(db.pool(), config.video()), alarms, clock))
          .withCampusTimeline(new CampusTimelineApi(new CampusTimelineStore(db.pool()), clock))
          .withSecurityEvents(new SecurityEventsApi(securityEvents))
          .withMetricsFrom(config.http().metricsFrom())
          .withTrustedProxies(config.http().trustedProxies());
      // Test windows are loaded before the first event is judged, then reloaded so windows opened on another hub count here too.
      return userStore.createFirstAdministrator()
          .compose(admin -> {
            firstAdministrator = admin;
            if (admin.isEmpty()) {
              return Future.succeededFuture();
            }
            // No default password anywhere: the first administrator's is generated and written to a file only its
            // owner can read, never to the log (logs are shipped, kept and read by many).
            java.nio.file.Path file = java.nio.file.Path.of(config.embedded().dataDir(), FirstAdministratorFile.NAME);
            return vertx.executeBlocking(() -> FirstAdministratorFile.write(file, admin.get()), false)
                .onSuccess(written -> LOG.warn("no users yet: created the administrator '{}'; its generated password is in {} "
                    + "(mode 0600). Sign in at the console, choose a new password (required), then delete the file",
                    admin.get().user().id(), written.toAbsolutePath()))
                .<Void>mapEmpty();
          })
          .compose(v -> reloadTestWindows(panicTests))
          .onSuccess(v -> testWindowReload = vertx.setPeriodic(TEST_WINDOW_RELOAD.toMillis(), id -> reloadTestWindows(panicTests)))
          .compose(v -> stream.start())
          .compose(v -> supervision.start())
          .compose(v -> {
            HttpLimits limits = new HttpLimits(vertx, config.http().headerTimeout(), config.http().idleTimeout(), config.http().maxConnections(),
                config.http().tls());
            io.micrometer.core.instrument.FunctionCounter.builder("cg_http_connections_refused", limits, HttpLimits::refused)
                .description("HTTP connections closed at once: maxConnections were open").register(metrics);
            return vertx.createHttpServer(limits.options()).connectionHandler(limits::connected)
                .requestHandler(limits.wrap(api.router(vertx))).listen(config.http().port(), config.http().host());
          })
          .compose(server -> {
            http = server;
            escalation.start();
            sweep.start(PENDING_SWEEP_EVERY);
            telemetry.start();
            pathSeriesTimer = vertx.setPeriodic(PATH_SERIES_EVERY.toMillis(), id -> pathSeries.sample(clock.instant()));
            dependencies.forEach(DependencyCheck::check);
            dependencyTimer = vertx.setPeriodic(DEPENDENCY_CHECK_EVERY.toMillis(), id -> dependencies.forEach(DependencyCheck::check));
            campusLinkTimer = vertx.setPeriodic(CAMPUS_LINK_GAUGE_EVERY.toMillis(), id -> campusLinks.refresh(supervisor));
            HubConfig.Retention keep = config.retention();
            RetentionSweep retention = new RetentionSweep(db.pool(), keep.changes(), keep.deadLetters(), keep.auditLog(), keep.securityEvents(), metrics);
            retentionTimer = vertx.setPeriodic(keep.every().toMillis(), id -> retention.prune(clock.instant())
                .onFailure(e -> LOG.warn("retention: pruning failed, tried again in {}: {}", keep.every(), e.toString())));
            if (webhook != null) {
              webhook.start();
            }
            notificationsTimer = vertx.setPeriodic(NOTIFICATION_STOPS_KEPT.toMillis(), id -> notifications.forgetStopped(NOTIFICATION_STOPS_KEPT));
            return connection.start();
          });
    });
  }

  private Future<Void> reloadTestWindows(PanicTestStore panicTests) {
    // Windows that ended within the late bound's reach still judge presses delivered late after an outage.
    Instant keepAfter = clock.instant().minus(TEST_WINDOW_MEMORY);
    return panicTests.windowsEndingAfter(keepAfter)
        .onSuccess(loaded -> testWindows.refresh(loaded, keepAfter))
        .mapEmpty();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(testWindowReload);
    vertx.cancelTimer(pathSeriesTimer);
    vertx.cancelTimer(dependencyTimer);
    vertx.cancelTimer(campusLinkTimer);
    vertx.cancelTimer(notificationsTimer);
    vertx.cancelTimer(retentionTimer);
    if (escalation != null) {
      escalation.stop();
    }
    if (sweep != null) {
      sweep.stop();
    }
    if (supervision != null) {
      supervision.stop();
    }
    if (stream != null) {
      stream.stop();
    }
    Future<Void> mqttStopped = connection == null ? Future.succeededFuture() : connection.stop();
    return mqttStopped
        .eventually(() -> webhook == null ? Future.succeededFuture() : webhook.stop())
        .eventually(() -> notifications == null ? Future.succeededFuture() : notifications.close())
        .eventually(() -> telemetry == null ? Future.succeededFuture() : telemetry.stop().eventually(timeSeries::close))
        .eventually(() -> http == null ? Future.succeededFuture() : http.close())
        .eventually(() -> db == null ? Future.succeededFuture() : db.close());
  }

  /** The campus register (names and towns) and the asset register, for an in-process caller such as the demo. */
  public CampusStore campusStore() {
    return campusStore;
  }

  public AssetStore assetStore() {
    return assetStore;
  }

  /** The console's users, for an in-process caller (the demo's users, tests). */
  public UserStore userStore() {
    return userStore;
  }

  /** The administrator this start created because no user existed, with its password; else empty. */
  public Optional<UserStore.Issued> firstAdministrator() {
    return firstAdministrator;
  }

  /** The HTTP port actually bound (for port 0). */
  public int httpPort() {
    return http.actualPort();
  }

  public IngestCounters counters() {
    return counters;
  }

  private JsonObject health() {
    return new JsonObject()
        .put("status", "up")
        .put("version", Version.current())
        .put("sseClients", stream.clients())
        .put("eventsStored", counters.eventsNew())
        .put("eventsRejected", counters.eventsRejected());
  }
}
