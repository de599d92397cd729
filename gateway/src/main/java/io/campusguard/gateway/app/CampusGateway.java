package io.campusguard.gateway.app;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.devices.profile.ProfileOverrides;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.connector.ConnectorContext;
import io.campusguard.gateway.connector.ConnectorRegistry;
import io.campusguard.gateway.connector.ConnectorStatus;
import io.campusguard.gateway.connector.RunningConnectors;
import io.campusguard.gateway.ingest.IngestPipeline;
import io.campusguard.gateway.ingest.PipelineInbox;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.mqtt.CampusConnector;
import io.campusguard.gateway.mqtt.EmbeddedCampusBroker;
import io.campusguard.gateway.outbox.Outbox;
import io.campusguard.gateway.rules.LocalRulesHook;
import io.campusguard.gateway.rules.RulesTicker;
import io.campusguard.gateway.uplink.HeartbeatSources;
import io.campusguard.gateway.uplink.Uplink;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One campus gateway, wired from its config: outbox, local rules and their timer, ingest pipeline, the connectors
 * the {@link ConnectorRegistry} builds, uplink. Plain Java, no statics holding state, so many gateways can run in
 * one JVM (the demo runs 129). The Vert.x verticle and the tests both build it through {@link #start}.
 */
public final class CampusGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CampusGateway.class);
  /** Plaintext MQTT links and listeners, warned about at every start (a logger of its own, so it can be routed). */
  private static final Logger PLAINTEXT = LoggerFactory.getLogger("io.campusguard.security.plaintext");

  private final GatewayConfig config;
  private final Outbox outbox;
  private final IngestPipeline pipeline;
  private final PipelineInbox inbox;
  private final RunningConnectors connectors;
  private final Uplink uplink;
  private final RulesTicker rulesTicker;

  private CampusGateway(GatewayConfig config, ConnectorRegistry registry, RulesHook rules, Clock clock, Executor loop,
      ScheduledExecutorService scheduler, Outbox outbox) throws Exception {
    this.config = config;
    this.outbox = outbox;
    EventCodec codec = new EventCodec(clock);
    this.pipeline = new IngestPipeline(config.campus(), codec, outbox, rules, clock);
    this.inbox = new PipelineInbox(pipeline, outbox, codec, PipelineInbox.DEFAULT_MAX_IN_FLIGHT);
    this.connectors = new RunningConnectors(config.campus(),
        registry.create(config, section -> new ConnectorContext(section, config, inbox, clock, loop, scheduler)));
    try {
      this.uplink = fieldOf("countyBroker", () -> new Uplink(
          config.campus(), config.gatewayId(), config.countyBroker().endpoint("cg-gw-up-" + config.campus()), config.uplink(), outbox,
          codec, clock, loop, scheduler, new HeartbeatSources() {
            @Override
            public Map<String, ConnectorStatus> connectors() {
              return connectors.status();
            }

            @Override
            public GatewayHealth.DeviceInput deviceInput() {
              return CampusGateway.this.deviceInput();
            }

            @Override
            public ProfileOverrides profiles() {
              return rules.profiles();
            }
          }));
    } catch (Exception e) {
      connectors.close();
      throw e;
    }
    // The rules' timers (liveness, thresholds held on) write their alarms to the outbox directly.
    this.rulesTicker = new RulesTicker(rules, outbox, scheduler);
  }

  /**
   * The gateway as its config sets it: the standard connectors, and the local rules with the config's device
   * register and profiles. Blocks on opening the database: call it from a worker thread.
   */
  public static CampusGateway start(GatewayConfig config, Clock clock, Executor loop, ScheduledExecutorService scheduler) throws Exception {
    return start(config, ConnectorRegistry.standard(), LocalRulesHook.of(config.rulesConfig(), clock), clock, loop, scheduler);
  }

  /** As {@link #start(GatewayConfig, ConnectorRegistry, RulesHook, Clock, Executor, ScheduledExecutorService)} with the standard connectors. */
  public static CampusGateway start(GatewayConfig config, RulesHook rules, Clock clock, Executor loop, ScheduledExecutorService scheduler)
      throws Exception {
    return start(config, ConnectorRegistry.standard(), rules, clock, loop, scheduler);
  }

  /**
   * Opens the outbox, builds the connectors, starts the uplink, every connector and the rules' timer; returns once
   * started, not once connected. A connector whose start fails is shown {@code down} with its reason and the others
   * run on; a bad config value (a connector's section, a TLS file) refuses the start naming the field. Blocks on
   * opening the database and binding listeners: call it from a worker thread.
   *
   * @param loop runs one task at a time (a Vert.x context, or a single thread): the uplink's decisions, hand-offs
   * @param scheduler timers and reconnects
   */
  public static CampusGateway start(GatewayConfig config, ConnectorRegistry registry, RulesHook rules, Clock clock, Executor loop,
      ScheduledExecutorService scheduler) throws Exception {
    config.plaintextWarnings().forEach(w -> PLAINTEXT.warn("gateway {}: {}", config.campus(), w));
    Outbox outbox = Outbox.open(config.outboxConfig(), clock);
    CampusGateway gateway;
    try {
      gateway = new CampusGateway(config, registry, rules, clock, loop, scheduler, outbox);
    } catch (Exception | Error e) {
      outbox.close();
      throw e;
    }
    try {
      outbox.unreadableFile().ifPresent(kept -> gateway.raiseOutboxUnreadable(kept.toString(), clock));
      gateway.uplink.start();
      gateway.connectors.start();
      gateway.rulesTicker.start();
      return gateway;
    } catch (Exception | Error e) {
      gateway.close();
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

  /** Every connector's parts by name, as the heartbeat and {@code /health} show them (the county link apart). */
  public Map<String, ConnectorStatus> connectorStatus() {
    return connectors.status();
  }

  /** What the gateway refused of its devices' input since start, for the heartbeat. */
  public GatewayHealth.DeviceInput deviceInput() {
    long brokerRefusals = campusConnector() instanceof EmbeddedCampusBroker broker ? broker.refusalsTotal() : 0;
    return new GatewayHealth.DeviceInput(pipeline.rejected(), brokerRefusals, pipeline.recentRejections());
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

  public PipelineInbox inbox() {
    return inbox;
  }

  /** The connectors built from the config, with their sections, in registration order. */
  public List<ConnectorRegistry.Built> connectors() {
    return connectors.all();
  }

  /** The campus's MQTT side (external broker or embedded), or null when none was built. */
  public CampusConnector campusConnector() {
    return connectors.find(CampusConnector.class).orElse(null);
  }

  /** The campus's MQTT side's state, DOWN when there is none or its start failed. */
  public ConnectorState campusState() {
    CampusConnector c = campusConnector();
    return c == null || connectors.failedAtStart(c) ? ConnectorState.DOWN : c.state();
  }

  public Uplink uplink() {
    return uplink;
  }

  public GatewayHealth health() {
    return uplink.health(GatewayHealth.State.HEARTBEAT);
  }

  /** Stops the rules' timer, then taking device messages, then the uplink, then closes the outbox. */
  @Override
  public void close() {
    rulesTicker.close();
    connectors.close();
    uplink.close();
    outbox.close();
  }
}
