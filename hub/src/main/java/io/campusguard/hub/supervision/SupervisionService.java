package io.campusguard.hub.supervision;

import io.campusguard.devices.Decoded;
import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.Priority;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.Topics;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.alarms.AlarmSignal;
import io.campusguard.hub.alarms.AlarmTypes;
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
    return new JsonObject()
        .put("gateway", s.gateway())
        .put("state", h.state().name().toLowerCase(java.util.Locale.ROOT))
        .put("bootId", h.bootId())
        .put("heardAt", lastHeard.get(campus).toString())
        .put("clockOffsetMs", h.clockOffsetMs())
        .put("lanes", lanes)
        .put("connectors", connectors);
  }

  public LinkSupervisor supervisor() {
    return supervisor;
  }

  private void apply(List<LinkDecision> decisions) {
    for (LinkDecision d : decisions) {
      if (d.kind() == LinkDecision.Kind.FIRST_HEARD) {
        // Only an unknown link becomes up: a loss another hub decided is cleared by a heartbeat after it, not by this.
        campuses.markHeard(d.campus(), d.at()).onFailure(err -> LOG.error("link state of {} not stored: {}", d.campus(), err.toString()));
        continue;
      }
      boolean lost = d.kind() == LinkDecision.Kind.LOST;
      LOG.info("campus {} link {}: {}", d.campus(), lost ? "LOST" : "restored", d.reason());
      AlarmSignal signal = new AlarmSignal(d.campus(), d.campus(), AlarmTypes.LINK_LOST, Priority.P1,
          lost ? AlarmSignal.Edge.RAISE : AlarmSignal.Edge.CLEAR, d.at(), null, d.reason(), Lateness.ON_TIME);
      alarms.applyLink(signal, lost).onFailure(err -> LOG.error("link state of {} not stored: {}", d.campus(), err.toString()));
    }
  }
}
