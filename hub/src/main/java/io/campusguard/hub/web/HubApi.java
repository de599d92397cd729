package io.campusguard.hub.web;

import io.campusguard.devices.Ids;
import io.campusguard.devices.Priority;
import io.campusguard.hub.alarms.AlarmLifecycle;
import io.campusguard.hub.alarms.AlarmState;
import io.campusguard.hub.alarms.IllegalAlarmTransition;
import io.campusguard.hub.security.SecurityEventsApi;
import io.campusguard.hub.store.AlarmFilter;
import io.campusguard.hub.store.AlarmRows;
import io.campusguard.hub.store.AlarmStore;
import io.campusguard.hub.store.CampusStatus;
import io.campusguard.hub.store.CampusStore;
import io.campusguard.hub.store.DeviceStore;
import io.campusguard.hub.store.DeadLetterStore;
import java.util.function.Function;
import io.campusguard.hub.supervision.LinkSupervisor;
import io.campusguard.hub.supervision.PathLatency;
import io.campusguard.hub.telemetry.Measurement;
import io.campusguard.hub.telemetry.TimeSeriesStore;
import io.campusguard.devices.WireNames;
import java.time.Duration;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.StringReader;
import java.util.Properties;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP API (documented in {@code /openapi.yaml}). Handlers read the acting user from {@link Actor} only,
 * and every failure becomes {@code {"error": "..."}} with a fitting status in one place.
 */
public final class HubApi {
  private static final Logger LOG = LoggerFactory.getLogger(HubApi.class);
  static final int MAX_BODY_BYTES = 16 * 1024;

  private final AlarmStore alarms;
  private final CampusStore campuses;
  private final DeviceStore devices;
  private final ChangeStream stream;
  private java.util.Set<String> metricsFrom = java.util.Set.of();
  private RequestOrigin origin = new RequestOrigin(java.util.Set.of());
  private final LinkSupervisor supervisor;
  private final PathLatency latency;
  private final PrometheusMeterRegistry metrics;
  private final ActorResolver actors;
  private final Clock clock;
  private final Supplier<JsonObject> health;
  private final Buffer openApi;
  private final TimeSeriesStore timeSeries;
  private final DeadLetterStore deadLetters;
  private final Function<String, JsonObject> gatewayInfo;
  private AssetsApi assetsApi;
  private BoardApi boardApi;
  private CanteenApi canteenApi;
  private ProceduresApi proceduresApi;
  private RosterApi rosterApi;
  private PlacesApi placesApi;
  private CampusTimelineApi timelineApi;
  private SecurityEventsApi securityEventsApi;
  private AuthApi authApi;
  private RouteGuard guard;

  public HubApi(AlarmStore alarms, CampusStore campuses, DeviceStore devices, ChangeStream stream, LinkSupervisor supervisor,
      PathLatency latency, TimeSeriesStore timeSeries, DeadLetterStore deadLetters, Function<String, JsonObject> gatewayInfo,
      PrometheusMeterRegistry metrics, ActorResolver actors, Clock clock, Supplier<JsonObject> health) {
    this.timeSeries = timeSeries;
    this.deadLetters = deadLetters;
    this.gatewayInfo = gatewayInfo;
    this.alarms = alarms;
    this.campuses = campuses;
    this.devices = devices;
    this.stream = stream;
    this.supervisor = supervisor;
    this.latency = latency;
    this.metrics = metrics;
    this.actors = actors;
    this.clock = clock;
    this.health = health;
    this.openApi = resource("/openapi.yaml");
  }

  public Router router(Vertx vertx) {
    Router r = Router.router(vertx);
    r.route().handler(origin::handle);
    r.route().handler(SecurityHeaders::apply);
    // Monitoring reads these without a session: they show counts, never a campus's alarms.
    r.get("/health").handler(ctx -> json(ctx, 200, health.get()));
    r.get("/metrics").handler(ctx -> {
      // The metrics name campuses, devices and their faults: only the monitoring server's addresses, when set.
      String from = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
      if (!metricsFrom.isEmpty() && (from == null || !metricsFrom.contains(from))) {
        error(ctx, 403, "metrics: not for this address");
        return;
      }
      ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    });
    r.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi));

    // The console's static pages (issue 5), from the classpath folder webroot.
    r.get("/").handler(ctx -> ctx.redirect("/console/"));
    // The charts' library from its WebJar (no Node build step), before the pages so its route is tried first.
    r.route("/console/lib/uplot/*").handler(StaticHandler.create(webJarFolder("uplot") + "/dist"));
    r.route("/console/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));

    // Signing in needs no session. Everything else under /api: the session's actor first (asynchronous, so the
    // body is paused meanwhile), the route guard's role check, then the IT staff's routes with their own larger
    // body limits, then the small generic body limit for everything else.
    if (authApi != null) {
      authApi.mountLogin(r, HubApi::reply);
    }
    r.route("/api/*").handler(this::resolveActor);
    if (guard != null) {
      guard.mount(r);
    }
    // Requests checked against /openapi.yaml: those without a body here, the others once their body is read.
    OpenApiValidation validation = OpenApiValidation.of(vertx, openApi);
    r.route("/api/*").handler(validation::withoutBody);
    if (assetsApi != null) {
      assetsApi.mount(r, HubApi::reply, validation::withBody);
    }
    r.route("/api/*").handler(RequestBodies.bounded(MAX_BODY_BYTES));
    r.route("/api/*").handler(validation::withBody);
    if (authApi != null) {
      authApi.mount(r, HubApi::reply);
    }
    if (boardApi != null) {
      boardApi.mount(r, HubApi::reply);
    }
    if (canteenApi != null) {
      canteenApi.mount(r, HubApi::reply);
    }
    if (proceduresApi != null) {
      proceduresApi.mount(r, HubApi::reply);
    }
    if (rosterApi != null) {
      rosterApi.mount(r, HubApi::reply);
      placesApi.mount(r, HubApi::reply);
    }
    if (timelineApi != null) {
      timelineApi.mount(r, HubApi::reply);
    }
    if (securityEventsApi != null) {
      securityEventsApi.mount(r, HubApi::reply);
    }
    r.get("/api/alarms").handler(ctx -> reply(ctx, listAlarms(ctx)));
    r.get("/api/alarms/:id").handler(ctx -> reply(ctx, getAlarm(alarmId(ctx))));
    r.post("/api/alarms/:id/ack").handler(ctx -> reply(ctx, ack(ctx)));
    r.post("/api/alarms/:id/assign").handler(ctx -> reply(ctx, assign(ctx)));
    r.post("/api/alarms/:id/resolve").handler(ctx -> reply(ctx, resolve(ctx)));
    r.get("/api/campuses").handler(ctx -> reply(ctx, campuses.list().map(list -> {
      JsonArray out = new JsonArray();
      String only = Actor.of(ctx).campus();
      list.stream().filter(c -> only == null || only.equals(c.id())).forEach(c -> out.add(campusJson(c)));
      return new JsonObject().put("campuses", out);
    })));
    r.get("/api/campuses/:id").handler(ctx -> reply(ctx, campuses.get(campusId(ctx))
        .map(c -> campusJson(c.orElseThrow(() -> new ApiError(404, "no campus " + ctx.pathParam("id")))))));
    r.put("/api/campuses/:id").handler(ctx -> reply(ctx, registerCampus(ctx)));
    r.get("/api/devices").handler(ctx -> reply(ctx, devices.list(optionalId(ctx, "campus")).map(list -> new JsonObject().put("devices", list))));
    r.get("/api/devices/:id/series").handler(ctx -> reply(ctx, series(ctx)));
    r.get("/api/dead-letters").handler(ctx -> reply(ctx, deadLetters.recent(optionalId(ctx, "campus"), limit(ctx))
        .map(list -> new JsonObject().put("deadLetters", list))));
    r.get("/api/events").handler(stream::connect);

    r.route().last().handler(ctx -> error(ctx, 404, "no such resource: " + ctx.request().path()));
    r.route().failureHandler(this::failure);
    return r;
  }

  /** Sessions (sign in and out, users) and the role check of every API route. */
  /** Believes X-Forwarded-Proto and X-Forwarded-Host from these addresses only (the reverse proxies'). */
  public HubApi withTrustedProxies(java.util.List<String> addresses) {
    this.origin = new RequestOrigin(java.util.Set.copyOf(addresses));
    return this;
  }

  /** Only these client addresses get {@code /metrics}; empty (the default): every address. */
  public HubApi withMetricsFrom(java.util.List<String> addresses) {
    this.metricsFrom = java.util.Set.copyOf(addresses);
    return this;
  }

  public HubApi withAuth(AuthApi auth, RouteGuard routeGuard) {
    this.authApi = auth;
    this.guard = routeGuard;
    return this;
  }

  /** Also mounts the asset register and replacement routes (the IT staff's API). */
  public HubApi withAssets(AssetsApi assets) {
    this.assetsApi = assets;
    return this;
  }

  /** Also mounts the "four 100%" board, test mode and the cameras page. */
  public HubApi withBoard(BoardApi board) {
    this.boardApi = board;
    return this;
  }

  /** Also mounts the canteens page's data. */
  public HubApi withCanteens(CanteenApi canteens) {
    this.canteenApi = canteens;
    return this;
  }

  /** Also mounts the duty roster, the alarms' notification attempts, device places and the cameras beside an alarm (issue 22). */
  public HubApi withRoster(RosterApi roster, PlacesApi places) {
    this.rosterApi = roster;
    this.placesApi = places;
    return this;
  }

  /** Also mounts the operators' procedures per alarm type. */
  public HubApi withProcedures(ProceduresApi procedures) {
    this.proceduresApi = procedures;
    return this;
  }

  /** Also mounts the security events the hub detected (possible substitution of a gateway's stream). */
  public HubApi withSecurityEvents(SecurityEventsApi securityEvents) {
    this.securityEventsApi = securityEvents;
    return this;
  }

  /** Also mounts the campus page's 24-hour timeline. */
  public HubApi withCampusTimeline(CampusTimelineApi timeline) {
    this.timelineApi = timeline;
    return this;
  }

  private void resolveActor(RoutingContext ctx) {
    // Paused so that no body arrives before a body handler is there to read it, however long resolving takes.
    ctx.request().pause();
    actors.resolve(ctx).onComplete(done -> {
      ctx.request().resume();
      if (done.succeeded()) {
        ctx.put(Actor.KEY, done.result());
        ctx.next();
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  private Future<JsonObject> listAlarms(RoutingContext ctx) {
    String state = ctx.request().getParam("state");
    AlarmState s = null;
    boolean activeOnly = false;
    if ("active".equals(state)) {
      activeOnly = true;
    } else if (state != null) {
      s = AlarmState.fromWire(state).orElseThrow(() -> new ApiError(400, "state: one of open, acknowledged, resolved, active"));
    }
    String p = ctx.request().getParam("priority");
    Priority priority = null;
    if (p != null) {
      try {
        priority = Priority.valueOf(p);
      } catch (IllegalArgumentException e) {
        throw new ApiError(400, "priority: one of P0, P1, P2, P3");
      }
    }
    int limit = intParam(ctx, "limit", 200);
    AlarmFilter filter;
    try {
      filter = new AlarmFilter(s, activeOnly, optionalId(ctx, "campus"), priority, limit);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    return alarms.list(filter).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(a -> out.add(AlarmRows.json(a)));
      return new JsonObject().put("alarms", out);
    });
  }

  /** Registers a campus (or renames it): the county wall groups campuses by town and shows their names. */
  private Future<JsonObject> registerCampus(RoutingContext ctx) {
    String id = campusId(ctx);
    String name = optionalText(ctx, "name");
    String town = optionalText(ctx, "town");
    if (name == null || name.isBlank() || name.length() > 100 || town == null || town.length() > 100) {
      throw new ApiError(400, "name, town: required, at most 100 characters");
    }
    if (name.chars().anyMatch(Character::isISOControl) || town.chars().anyMatch(Character::isISOControl)) {
      throw new ApiError(400, "name, town: control characters");
    }
    return campuses.register(id, name, town)
        .compose(v -> campuses.get(id))
        .map(c -> campusJson(c.orElseThrow()));
  }

  /** The last 24 hours of one quantity of one device (a cold store's temperature, a PC's crashes). */
  private Future<JsonObject> series(RoutingContext ctx) {
    String device = campusId(ctx);
    String m = ctx.request().getParam("measurement");
    Measurement measurement = WireNames.parse(Measurement.class, m)
        .orElseThrow(() -> new ApiError(400, "measurement: one of " + WireNames.allowed(Measurement.class)));
    String quantity = optionalId(ctx, "quantity");
    if (quantity == null) {
      throw new ApiError(400, "quantity: missing");
    }
    return timeSeries.query(measurement, device, quantity, clock.instant().minus(Duration.ofHours(24))).map(samples -> {
      JsonArray points = new JsonArray();
      samples.forEach(s -> points.add(new JsonArray().add(s.ts().toString()).add(s.value())));
      return new JsonObject().put("device", device).put("measurement", measurement.wireName()).put("quantity", quantity).put("points", points);
    });
  }

  private Future<JsonObject> getAlarm(long id) {
    return alarms.get(id).compose(a -> {
      if (a.isEmpty()) {
        return Future.failedFuture(new ApiError(404, "no alarm " + id));
      }
      return alarms.history(id).map(history -> {
        JsonArray h = new JsonArray();
        history.forEach(e -> h.add(AlarmRows.json(e)));
        return AlarmRows.json(a.get()).put("history", h);
      });
    });
  }

  private Future<JsonObject> ack(RoutingContext ctx) {
    long id = alarmId(ctx);
    String actor = Actor.of(ctx).id();
    String note = optionalText(ctx, "note");
    return alarms.act(id, actor, a -> AlarmLifecycle.acknowledge(a, actor, clock.instant(), note), clock.instant())
        .compose(c -> afterChange(id));
  }

  private Future<JsonObject> assign(RoutingContext ctx) {
    long id = alarmId(ctx);
    String actor = Actor.of(ctx).id();
    String assignee = optionalText(ctx, "assignee");
    String to = assignee == null ? actor : assignee;
    if (!Ids.isValid(to)) {
      throw new ApiError(400, "assignee: not an allowed id");
    }
    return alarms.act(id, actor, a -> AlarmLifecycle.assign(a, actor, to, clock.instant()), clock.instant()).compose(c -> afterChange(id));
  }

  private Future<JsonObject> resolve(RoutingContext ctx) {
    long id = alarmId(ctx);
    String actor = Actor.of(ctx).id();
    String note = optionalText(ctx, "note");
    return alarms.act(id, actor, a -> AlarmLifecycle.resolve(a, actor, clock.instant(), note), clock.instant()).compose(c -> afterChange(id));
  }

  private Future<JsonObject> afterChange(long id) {
    stream.nudge();
    return getAlarm(id);
  }

  private JsonObject campusJson(CampusStatus c) {
    JsonObject o = c.json();
    PathLatency.Percentiles p = latency.percentiles(c.id());
    o.put("latency", p == null ? null : new JsonObject().put("p50Ms", p.p50()).put("p99Ms", p.p99()).put("samples", p.samples()));
    o.put("availability", supervisor.availability(c.id(), clock.instant()));
    o.put("gateway", gatewayInfo.apply(c.id()));
    return o;
  }

  private static int limit(RoutingContext ctx) {
    int limit = intParam(ctx, "limit", 200);
    if (limit < 1 || limit > 1000) {
      throw new ApiError(400, "limit: must be 1..1000");
    }
    return limit;
  }

  private static long alarmId(RoutingContext ctx) {
    try {
      long id = Long.parseLong(ctx.pathParam("id"));
      if (id < 1) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new ApiError(400, "id: not an alarm id");
    }
  }

  private static String campusId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isValid(id)) {
      throw new ApiError(400, "id: not an allowed id");
    }
    return id;
  }

  private static String optionalId(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v != null && !Ids.isValid(v)) {
      throw new ApiError(400, name + ": not an allowed id");
    }
    return v;
  }

  private static int intParam(RoutingContext ctx, String name, int fallback) {
    String v = ctx.request().getParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ApiError(400, name + ": not a number");
    }
  }

  /** A text field of the JSON body, if there is a body and the field. */
  private static String optionalText(RoutingContext ctx, String field) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      return null;
    }
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new ApiError(400, "body: not a JSON object");
    }
    Object v = json.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw new ApiError(400, field + ": not a string");
    }
    String s = (String) v;
    if (s != null && s.length() > AlarmLifecycle.MAX_NOTE_LENGTH) {
      throw new ApiError(400, field + ": longer than " + AlarmLifecycle.MAX_NOTE_LENGTH);
    }
    return s;
  }

  private static void reply(RoutingContext ctx, Future<?> result) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        Object body = done.result();
        if (body instanceof JsonObject o) {
          json(ctx, 200, o);
        } else if (!ctx.response().ended()) {
          ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
              .end(io.vertx.core.json.Json.encode(body));
        }
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  private void failure(RoutingContext ctx) {
    Throwable e = ctx.failure();
    if (e instanceof ApiError a) {
      if (a.retryAfterSeconds() > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(a.retryAfterSeconds()));
      }
      error(ctx, a.status(), a.getMessage());
    } else if (e instanceof AlarmStore.AlarmNotFound) {
      error(ctx, 404, e.getMessage());
    } else if (e instanceof IllegalAlarmTransition) {
      error(ctx, 409, e.getMessage());
    } else if (e instanceof IllegalArgumentException) {
      error(ctx, 400, e.getMessage());
    } else if (e == null) {
      error(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, ctx.statusCode() == 413 ? "request body too large" : "request failed");
    } else {
      LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), e);
      error(ctx, 500, "internal error");
    }
  }

  private static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, new JsonObject().put("error", message));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
  }

  /** The classpath folder of an npm WebJar; its version is read from the jar, so the parent pom is the one place it is set. */
  static String webJarFolder(String artifact) {
    Properties pom = new Properties();
    try {
      pom.load(new StringReader(resource("/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties").toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version");
  }

  private static Buffer resource(String name) {
    try (InputStream in = HubApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
