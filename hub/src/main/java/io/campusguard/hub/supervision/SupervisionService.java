package io.campusguard.hub.supervision;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.Decoded;
import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.Priority;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.Topics;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.devices.codec.ProfileJson;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.profile.ProfileOverrides;
import io.campusguard.hub.alarms.AlarmSignal;
import io.campusguard.hub.alarms.Lateness;
import io.campusguard.hub.engine.AlarmWriter;
import io.campusguard.hub.store.CampusStore;
import io.campusguard.hub.store.DeadLetter;
import io.campusguard.hub.store.DeadLetterStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires {@link LinkSupervisor} to the hub: status messages in, a frequent tick, and each decision turned into the
 * campus's link state and its one {@code link_lost} alarm (device id = campus id). Runs on the hub's context.
 */
public final class SupervisionService {
  private static final Logger LOG = LoggerFactory.getLogger(SupervisionService.class);

  private final Vertx vertx;
  private final LinkSupervisor supervisor;
  private final EventCodec codec;
  private final CampusStore campuses;
  private final DeadLetterStore deadLetters;
  private final AlarmWriter alarms;
  private final Clock clock;
  private final Duration tick;
  private long timer = -1;
  private final Map<String, GatewayStatus> lastStatus = new HashMap<>();
  private final Map<String, Instant> lastHeard = new HashMap<>();
  private java.util.function.Consumer<GatewayStatus> statusListener = status -> {};

  public SupervisionService(Vertx vertx, LinkSupervisor supervisor, EventCodec codec, CampusStore campuses,
      DeadLetterStore deadLetters, AlarmWriter alarms, Clock clock, Duration tick) {
    this.vertx = vertx;
    this.supervisor = supervisor;
    this.codec = codec;
    this.campuses = campuses;
    this.deadLetters = deadLetters;
    this.alarms = alarms;
    this.clock = clock;
    this.tick = tick;
  }

  /** Starts supervising the registered campuses and the tick; call on the hub's context. */
  public Future<Void> start() {
    return campuses.list().map(list -> {
      Instant now = clock.instant();
      list.forEach(c -> supervisor.watch(c.id(), now));
      timer = vertx.setPeriodic(tick.toMillis(), id -> apply(supervisor.tick(clock.instant())));
      return null;
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Also tells {@code listener} of every status accepted (its campus matches its topic): the security checks run there. */
  public SupervisionService onAcceptedStatus(java.util.function.Consumer<GatewayStatus> listener) {
    this.statusListener = listener;
    return this;
  }

  /** Handles one message on {@code county/{campus}/status}. */
  public Future<Void> handleStatus(String topic, byte[] payload) {
    Instant now = clock.instant();
    Decoded<Topics.CountyTopic> where = Topics.parseCounty(topic);
    Decoded<GatewayStatus> decoded = codec.decodeStatus(payload);
    Rejection refused = !where.isOk() ? where.rejection() : !decoded.isOk() ? decoded.rejection() : null;
    if (refused == null && !decoded.orElseThrow().campus().equals(where.orElseThrow().campus())) {
      refused = new Rejection("campus", Rejection.Reason.CAMPUS_MISMATCH, decoded.orElseThrow().campus() + " on " + topic);
      LOG.warn("security: status for {} arrived on {}: refused", decoded.orElseThrow().campus(), io.campusguard.runtime.logging.LogText.clean(topic));
    }
    if (refused != null) {
      String campus = where.isOk() ? where.orElseThrow().campus() : null;
      String raw = payload == null ? "" : new String(payload, 0, Math.min(payload.length, DeadLetter.MAX_RAW), StandardCharsets.UTF_8);
      return deadLetters.keep(List.of(new DeadLetter(campus, topic, raw, refused, now)));
    }
    GatewayStatus status = decoded.orElseThrow();
    statusListener.accept(status);
    lastStatus.put(status.campus(), status);
    lastHeard.put(status.campus(), now);
    apply(supervisor.onStatus(status, now));
    if (status.health().state() == GatewayHealth.State.OFFLINE) {
      return Future.succeededFuture();
    }
    return campuses.heartbeat(status.campus(), now, status.health().bootId());
  }

  /** What the campus's gateway last said about itself (outbox lanes, connectors, boot), or null. */
  public JsonObject gatewayInfo(String campus) {
    GatewayStatus s = lastStatus.get(campus);
    if (s == null) {
      return null;
    }
    GatewayHealth h = s.health();
    JsonObject lanes = new JsonObject();
    h.lanes().forEach((p, l) -> lanes.put(p.name(), new JsonObject().put("depth", l.depth()).put("oldestAgeMs", l.oldestAgeMs()).put("dropped", l.dropped())));
    JsonObject connectors = new JsonObject();
    h.connectors().forEach((name, state) -> connectors.put(name, state.name().toLowerCase(java.util.Locale.ROOT)));
    JsonObject reasons = new JsonObject();
    h.connectorReasons().forEach(reasons::put);
    // What the gateway refused of its devices: a device sending garbage to its gateway shows here, with why.
    io.vertx.core.json.JsonArray recent = new io.vertx.core.json.JsonArray();
    h.deviceInput().recent().forEach(r -> recent.add(new JsonObject().put("at", r.at().toString()).put("source", r.source())
        .put("field", r.field()).put("reason", r.reason()).put("detail", r.detail())));
    JsonObject deviceInput = new JsonObject()
        .put("refused", h.deviceInput().refused())
        .put("brokerRefusals", h.deviceInput().brokerRefusals())
        .put("recent", recent);
    return new JsonObject()
        .put("gateway", s.gateway())
        .put("state", h.state().name().toLowerCase(java.util.Locale.ROOT))
        .put("bootId", h.bootId())
        .put("heardAt", lastHeard.get(campus).toString())
        .put("clockOffsetMs", h.clockOffsetMs())
        .put("lanes", lanes)
        .put("connectors", connectors)
        .put("connectorReasons", reasons)
        .put("deviceInput", deviceInput)
        .put("profiles", profilesInForce(h.profiles()));
  }

  /**
   * The device profiles in force on a campus, as its gateway's heartbeat says (it sends only what differs from the
   * county's defaults): every device type's, and each device's own, each with where it comes from. A device's page
   * shows {@code devices[id]}, else {@code types[its type]}.
   */
  static JsonObject profilesInForce(ProfileOverrides overrides) {
    JsonObject types = new JsonObject();
    for (DeviceType t : DeviceType.values()) {
      ProfileOverrides.Effective e = overrides.effective("", t).orElseThrow();
      types.put(WireNames.of(t), profileJson(e));
    }
    JsonObject devices = new JsonObject();
    new java.util.TreeMap<>(overrides.devices()).forEach((id, p) -> devices.put(id, profileJson(new ProfileOverrides.Effective(p, ProfileOverrides.Source.DEVICE))));
    return new JsonObject().put("types", types).put("devices", devices);
  }

  private static JsonObject profileJson(ProfileOverrides.Effective e) {
    return new JsonObject(ProfileJson.write(e.profile()).toString()).put("source", WireNames.of(e.source()));
  }

  public LinkSupervisor supervisor() {
    return supervisor;
  }

  private void apply(List<LinkDecision> decisions) {
    for (LinkDecision d : decisions) {
      boolean lost = d.kind() == LinkDecision.Kind.LOST;
      if (d.kind() != LinkDecision.Kind.FIRST_HEARD) {
        LOG.info("campus {} link {}: {}", d.campus(), lost ? "LOST" : "restored", d.reason());
      }
      // A heartbeat heard first by this hub also restores a link the database holds as lost, whoever recorded the
      // loss before it: this hub before a restart (the gateways' last wills at its stop), or another hub. Memory
      // alone knew no loss, so the campus stayed red with its link-lost alarm open under heartbeats every 5 s.
      AlarmSignal signal = new AlarmSignal(d.campus(), d.campus(), AlarmTypes.LINK_LOST, Priority.P1,
          lost ? AlarmSignal.Edge.RAISE : AlarmSignal.Edge.CLEAR, d.at(), null, d.reason(), Lateness.ON_TIME);
      (d.kind() == LinkDecision.Kind.FIRST_HEARD ? alarms.applyFirstHeard(signal) : alarms.applyLink(signal, lost))
          .onSuccess(changes -> {
            if (d.kind() == LinkDecision.Kind.FIRST_HEARD && !changes.isEmpty()) {
              LOG.info("campus {} link restored: first heard by this hub, its loss recorded before", d.campus());
            }
          })
          .onFailure(err -> LOG.error("link state of {} not stored: {}", d.campus(), err.toString()));
    }
  }
}
