package io.campusguard.gateway.modbus;

import com.digitalpetri.modbus.client.ModbusClient;
import com.digitalpetri.modbus.client.ModbusRtuClient;
import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.connector.BoundedHandoff;
import io.campusguard.gateway.connector.ConnectorContext;
import io.campusguard.gateway.connector.ConnectorStatus;
import io.campusguard.gateway.connector.SouthboundConnector;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the campus's Modbus TCP devices (digitalpetri's {@code modbus-tcp} client): one connection per host and
 * port, shared by the devices (unit ids) behind it, one {@link ModbusDevicePoller} per device. Readings cross to
 * the gateway's loop through a {@link BoundedHandoff} (a poll cannot be asked to send again). Each device shows in
 * the heartbeat as {@code modbus-<device id>}: up once a round read every point, down with the first problem of
 * the last round and its counts.
 */
public final class ModbusConnector implements SouthboundConnector {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusConnector.class);
  /** Each device shows in the heartbeat and {@code /health} as this prefix and its id. */
  public static final String NAME_PREFIX = "modbus-";
  /** The handoff's name: its {@code data_lost} alarms are about this. */
  public static final String CONNECTOR_ID = "modbus";
  /** Each dial-in modem shows as this prefix and its id: up while it is connected. */
  public static final String MODEM_PREFIX = "modbus-modem-";

  private final Map<String, ModbusTcpClient> clients = new LinkedHashMap<>();
  private final Map<String, ModemRtuTransport> modems = new LinkedHashMap<>();
  private final DialInListener dialIn;
  private final List<ModbusDevicePoller> pollers = new ArrayList<>();
  private final BoundedHandoff handoff;

  private ModbusConnector(ModbusSettings settings, ConnectorContext context) {
    this.handoff = new BoundedHandoff(context.campus(), CONNECTOR_ID, settings.queueCapacity(), context.clock(), context.loop(),
        m -> context.inbox().message(m).whenComplete((outcome, failure) -> {
          if (failure != null) {
            LOG.error("modbus reading of {} not stored: {}", m.device(), failure.toString());
          }
        }), BoundedHandoff.DEFAULT_MAX_BATCH);
    Map<String, ModbusRtuClient> rtuClients = new LinkedHashMap<>();
    Map<String, SerialLine> lines = new LinkedHashMap<>();
    Map<String, ModemRtuTransport> byRegistration = new LinkedHashMap<>();
    if (settings.dialIn() != null) {
      for (ModbusSettings.Modem m : settings.dialIn().modems()) {
        ModemRtuTransport t = new ModemRtuTransport(m.id(), m.heartbeatBytes());
        modems.put(m.id(), t);
        byRegistration.put(HexFormat.of().formatHex(m.registrationBytes()), t);
        rtuClients.put(m.id(), ModbusRtuClient.create(t, cfg -> cfg.setRequestTimeout(settings.requestTimeout())));
        lines.put(m.id(), new SerialLine());
      }
    }
    this.dialIn = settings.dialIn() == null ? null : new DialInListener(settings.dialIn(), byRegistration);
    for (int i = 0; i < settings.devices().size(); i++) {
      ModbusSettings.Device d = settings.devices().get(i);
      List<RegisterPoint> points = settings.points(d.model());
      ModbusClient client = d.modem() != null
          ? rtuClients.get(d.modem())
          : clients.computeIfAbsent(endpoint(d), k -> newClient(d, settings));
      pollers.add(new ModbusDevicePoller(context.campus(), d, points, client, handoff, context.scheduler(), context.clock(),
          settings.requestTimeout(), d.modem() == null ? null : lines.get(d.modem())));
    }
  }

  static String endpoint(ModbusSettings.Device d) {
    return d.modem() != null ? "modem:" + d.modem() : d.host() + ":" + d.port();
  }

  /** The registry's factory: the {@code connectors.modbus} section's devices, if it has any. */
  public static List<SouthboundConnector> create(ConnectorContext context) {
    return context.settings(ModbusSettings.class)
        .filter(s -> !s.devices().isEmpty() || s.dialIn() != null)
        .<List<SouthboundConnector>>map(s -> List.of(new ModbusConnector(s, context)))
        .orElse(List.of());
  }

  private static ModbusTcpClient newClient(ModbusSettings.Device d, ModbusSettings settings) {
    NettyTcpClientTransport transport = NettyTcpClientTransport.create(cfg -> {
      cfg.setHostname(d.host());
      cfg.setPort(d.port());
      cfg.setConnectTimeout(settings.connectTimeout());
      // Keep reconnecting after a loss, in the background: a device that comes back is polled again.
      cfg.setConnectPersistent(true);
    });
    return ModbusTcpClient.create(transport, cfg -> cfg.setRequestTimeout(settings.requestTimeout()));
  }

  /** Starts connecting and polling; returns at once (a device not reachable yet shows down, and is polled on). */
  @Override
  public void start() throws java.io.IOException {
    if (dialIn != null) {
      dialIn.start();
      pollers.stream().filter(p -> p.endpoint().startsWith("modem:")).forEach(ModbusDevicePoller::start);
    }
    // Each endpoint's devices are first polled once its connect attempt is over, so a first poll never races the
    // connect; an endpoint not reachable yet is polled all the same (its devices show why they are down).
    clients.forEach((endpoint, client) -> client.connectAsync().whenComplete((v, failure) -> {
      if (failure != null) {
        LOG.warn("modbus {}: not connected yet ({}); polls keep trying", endpoint, failure.toString());
      }
      pollers.stream().filter(p -> p.endpoint().equals(endpoint)).forEach(ModbusDevicePoller::start);
    }));
  }

  @Override
  public Map<String, ConnectorStatus> status() {
    Map<String, ConnectorStatus> out = new LinkedHashMap<>();
    pollers.forEach(p -> out.put(NAME_PREFIX + p.deviceId(), p.status()));
    modems.forEach((id, t) -> {
      String why = t.notConnectedBecause();
      out.put(MODEM_PREFIX + id, why == null ? ConnectorStatus.of(ConnectorState.UP) : new ConnectorStatus(ConnectorState.DOWN, why));
    });
    return out;
  }

  @Override
  public Map<String, Long> counters() {
    long polls = 0, readings = 0, timeouts = 0, exceptions = 0, failures = 0, bad = 0;
    for (ModbusDevicePoller p : pollers) {
      DevicePollStats s = p.stats();
      polls += s.polls();
      readings += s.readings();
      timeouts += s.timeouts();
      exceptions += s.exceptions();
      failures += s.failures();
      bad += s.badValues();
    }
    long heartbeats = modems.values().stream().mapToLong(ModemRtuTransport::heartbeats).sum();
    Map<String, Long> out = new LinkedHashMap<>(Map.of("polls", polls, "readings", readings, "timeouts", timeouts,
        "exceptions", exceptions, "failures", failures, "bad_values", bad, "dropped", handoff.dropped()));
    out.put("dial_in_accepted", dialIn == null ? 0 : dialIn.accepted());
    out.put("dial_in_refused", dialIn == null ? 0 : dialIn.refused());
    out.put("dial_in_replaced", dialIn == null ? 0 : dialIn.replaced());
    out.put("modem_heartbeats", heartbeats);
    return out;
  }

  /** Each device's counts since start, by device id. */
  public Map<String, DevicePollStats> deviceStats() {
    Map<String, DevicePollStats> out = new LinkedHashMap<>();
    pollers.forEach(p -> out.put(p.deviceId(), p.stats()));
    return out;
  }

  /** The port modems dial in to (the free one picked when configured 0); -1 without {@code dialIn}. */
  public int dialInPort() {
    return dialIn == null ? -1 : dialIn.port();
  }

  @Override
  public void close() {
    pollers.forEach(ModbusDevicePoller::stop);
    if (dialIn != null) {
      dialIn.close();
    }
    modems.values().forEach(ModemRtuTransport::disconnect);
    CompletableFuture<?>[] closing = clients.values().stream()
        .map(c -> c.disconnectAsync().toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(closing).orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
  }
}
