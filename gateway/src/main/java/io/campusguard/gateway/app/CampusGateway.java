package io.campusguard.gateway.app;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.PriorityPolicy;
import io.campusguard.devices.Topics;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.ingest.IngestPipeline;
import io.campusguard.gateway.ingest.LocalRules;
import io.campusguard.gateway.mqtt.CampusConnector;
import io.campusguard.gateway.mqtt.CampusMqttConnector;
import io.campusguard.gateway.mqtt.EmbeddedCampusBroker;
import io.campusguard.gateway.opcua.BoundedHandoff;
import io.campusguard.gateway.opcua.OpcUaConnector;
import io.campusguard.gateway.outbox.Outbox;
import io.campusguard.gateway.uplink.Uplink;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One campus gateway, wired from its config: outbox, ingest pipeline, campus connector, uplink. Plain Java,
 * no statics holding state, so many gateways can run in one JVM (the demo runs 129). The Vert.x verticle and
 * the tests both build it through {@link #start}.
 */
public final class CampusGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CampusGateway.class);
  /** Plaintext MQTT links and listeners, warned about at every start (a logger of its own, so it can be routed). */
  private static final Logger PLAINTEXT = LoggerFactory.getLogger("io.campusguard.security.plaintext");

  private final GatewayConfig config;
  private final Outbox outbox;
  private final IngestPipeline pipeline;
  private final CampusConnector campusConnector;
  private final Uplink uplink;
  private final OpcUaConnector opcua;

  private CampusGateway(
      GatewayConfig config, Outbox outbox, IngestPipeline pipeline, CampusConnector campusConnector, Uplink uplink, OpcUaConnector opcua) {
    this.config = config;
    this.outbox = outbox;
    this.pipeline = pipeline;
    this.campusConnector = campusConnector;
    this.uplink = uplink;
    this.opcua = opcua;
  }

  /**
   * Opens the outbox and starts connecting both brokers; returns once started, not once connected. Blocks on
   * opening the database: call it from a worker thread.
   *
   * @param loop runs one task at a time (a Vert.x context, or a single thread): the uplink's decisions
   * @param scheduler timers and reconnects
   */
  public static CampusGateway start(
      GatewayConfig config, LocalRules rules, Clock clock, Executor loop, ScheduledExecutorService scheduler)
      throws Exception {
    config.plaintextWarnings().forEach(w -> PLAINTEXT.warn("gateway {}: {}", config.campus(), w));
    EventCodec codec = new EventCodec(clock);
    Outbox outbox = Outbox.open(config.outboxConfig(), clock);
    try {
      IngestPipeline pipeline = new IngestPipeline(config.campus(), codec, outbox, rules, clock);
      CampusConnector[] campusSide = new CampusConnector[1];
      OpcUaConnector opcua = config.opcuaConnector()
          .map(c -> new OpcUaConnector(c, new BoundedHandoff(c.campus(), c.connectorId(), c.queueCapacity(), clock, loop,
              message -> fromOpcUa(message, pipeline, outbox, codec), BoundedHandoff.DEFAULT_MAX_BATCH), clock))
          .orElse(null);
      Uplink uplink = fieldOf("countyBroker", () -> new Uplink(
          config.campus(),
          config.gatewayId(),
          config.countyBroker().endpoint("cg-gw-up-" + config.campus()),
          config.uplink(),
          outbox,
          codec,
          clock,
          loop,
          scheduler,
          () -> connectorStates(campusSide[0], opcua)));
      // One ingest path per mode: the embedded broker's interceptor, or our subscription on an external broker.
      campusSide[0] = config.embeddedCampusBroker()
          ? new EmbeddedCampusBroker(config.campus(), config.embeddedBroker(), pipeline)
          : fieldOf("campusBroker",
              () -> new CampusMqttConnector(config.campus(), config.campusBroker().endpoint("cg-gw-" + config.campus()), pipeline, scheduler));
      CampusGateway gateway = new CampusGateway(config, outbox, pipeline, campusSide[0], uplink, opcua);
      outbox.unreadableFile().ifPresent(kept -> gateway.raiseOutboxUnreadable(kept.toString(), clock));
      uplink.start();
      campusSide[0].start();
      if (opcua != null) {
        opcua.start();
      }
      return gateway;
    } catch (Exception e) {
      outbox.close();
      throw e;
    }
  }

  private interface Build<T> {
    T get() throws Exception;
  }

  /** A connection whose TLS files are bad fails the start naming the config section ({@code countyBroker.tls.caFile: …}). */
  private static <T> T fieldOf(String section, Build<T> build) throws Exception {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(section + "." + e.getMessage(), e);
    }
  }

  /**
   * OPC UA readings go through the same pipeline as MQTT ones (same validation, local rules, lanes); the
   * connector's own alarms (data lost, bad values) go straight to the outbox, as the rules' timed alarms do.
   */
  private static void fromOpcUa(DeviceMessage m, IngestPipeline pipeline, Outbox outbox, EventCodec codec) {
    if (m.kind().isDeviceKind()) {
      pipeline.ingest(Topics.campusDevice(m.campus(), m.kind(), m.device()), codec.encodeDevice(m.sourceTs(), m.body()));
    } else {
      outbox.append(m, PriorityPolicy.of(m.body())).whenComplete((e, failure) -> {
        if (failure != null) {
          LOG.error("OPC UA alarm for {} not stored: {}", m.device(), failure.toString());
        }
      });
    }
  }

  private static Map<String, ConnectorState> connectorStates(CampusConnector campus, OpcUaConnector opcua) {
    Map<String, ConnectorState> states = new java.util.TreeMap<>();
    states.put("campus", campus == null ? ConnectorState.DOWN : campus.state());
    if (opcua != null) {
      opcua.states().forEach((endpoint, state) -> states.put("opcua-" + endpoint, state.toHealth()));
    }
    return states;
  }

  private void raiseOutboxUnreadable(String kept, Clock clock) {
    LocalAlarm alarm = new LocalAlarm(
        AlarmTypes.OUTBOX_UNREADABLE, LocalAlarm.Transition.RAISED, null,
        "outbox " + kept + " cannot be opened; kept for inspection, events continue in " + outbox.file());
    outbox.append(new DeviceMessage(config.campus(), config.gatewayId(), EventKind.ALARM, clock.instant(), alarm), Priority.P1)
        .whenComplete((e, failure) -> {
          if (failure != null) {
            LOG.error("cannot even store the outbox_unreadable alarm", failure);
          }
        });
  }

  public GatewayConfig config() {
    return config;
  }

  public Outbox outbox() {
    return outbox;
  }

  public IngestPipeline pipeline() {
    return pipeline;
  }

  public CampusConnector campusConnector() {
    return campusConnector;
  }

  public Uplink uplink() {
    return uplink;
  }

  public GatewayHealth health() {
    return uplink.health(GatewayHealth.State.HEARTBEAT);
  }

  /** Stops taking device messages first, then the uplink, then closes the outbox. */
  @Override
  public void close() {
    if (opcua != null) {
      opcua.stop().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
    campusConnector.close();
    uplink.close();
    outbox.close();
  }
}
