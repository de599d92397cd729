package io.campusguard.simulators.gateways;

import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.config.HttpSettings;
import io.campusguard.gateway.config.OpcUaEndpointSettings;
import io.campusguard.gateway.config.OutboxSettings;
import io.campusguard.gateway.rules.LocalRulesHook;
import io.campusguard.gateway.rules.LocalRules;
import io.campusguard.gateway.rules.LocalRulesConfig;
import io.campusguard.gateway.rules.SupervisedDevice;
import io.campusguard.simulators.county.Campus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A light campus gateway inside this JVM, as the demo and load tests run them: its own outbox, local rules
 * with the campus's device register, and its own connections, on a shared broker. Nothing static is shared
 * between gateways, so 129 of them can run side by side.
 */
public final class InProcessGateway implements AutoCloseable {
  private final CampusGateway gateway;

  private InProcessGateway(CampusGateway gateway) {
    this.gateway = gateway;
  }

  /** Blocks while the outbox opens: call from a worker or main thread, not an event loop. */
  public static InProcessGateway start(
      Campus campus, String brokerUrl, String user, String password, Path outboxDir, Vertx vertx, ScheduledExecutorService scheduler, Clock clock)
      throws Exception {
    return start(campus, BrokerLink.of(brokerUrl, user, password), BrokerLink.of(brokerUrl, user, password), null, outboxDir, vertx, scheduler, clock);
  }

  /**
   * A gateway whose campus and county sides may be different brokers (a load test puts a fault proxy or its own
   * county broker in between), reading the campus's canteen PLC when {@code canteen} is not null.
   */
  public static InProcessGateway start(
      Campus campus, BrokerLink campusBroker, BrokerLink countyBroker, OpcUaEndpointSettings canteen, Path outboxDir, Vertx vertx,
      ScheduledExecutorService scheduler, Clock clock) throws Exception {
    GatewayConfig config = new GatewayConfig(
        campus.id(), null, campusBroker, countyBroker, null,
        new OutboxSettings(outboxDir.resolve(campus.id()).resolve("outbox.db").toAbsolutePath().toString(), null, null, null),
        null, new HttpSettings("127.0.0.1", 0), canteen == null ? List.of() : List.of(canteen));
    List<SupervisedDevice> register = campus.devices().stream().map(d -> SupervisedDevice.of(d.id(), d.type(), d.parent())).toList();
    LocalRulesHook rules = new LocalRulesHook(new LocalRules(LocalRulesConfig.defaults(campus.id()).withDevices(register), clock), clock);
    // Each gateway's uplink on the next event loop: from the main thread getOrCreateContext() would put all on one.
    Context context = io.campusguard.simulators.fleet.EventLoops.next(vertx);
    Executor loop = task -> context.runOnContext(v -> task.run());
    // The gateway runs its rules' timer itself.
    return new InProcessGateway(CampusGateway.start(config, rules, clock, loop, scheduler));
  }

  public CampusGateway gateway() {
    return gateway;
  }

  @Override
  public void close() {
    gateway.close();
  }
}
