package io.campusguard.simulators.opcua;

import io.campusguard.devices.WireNames;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.gateway.config.OpcUaEndpointSettings;
import io.campusguard.simulators.county.Campus;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.simulators.county.SimDevice;
import io.campusguard.simulators.fleet.Emission;
import io.campusguard.simulators.fleet.SimulationDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;

/**
 * The canteen PLCs of the county's OPC UA campuses ({@link CountyScenario#canteenOverOpcUa}): one
 * {@link CanteenOpcUaServer} per campus, the readings of its served devices set on it instead of published over
 * MQTT, and the endpoint each campus's gateway subscribes to (security None, allowed explicitly: loopback only).
 */
public final class OpcUaCanteens implements SimulationDriver.OtherTransport, AutoCloseable {
  /** Sampling and publishing of the gateways' subscriptions: a reading held this long reaches the gateway. */
  public static final Duration INTERVAL = Duration.ofMillis(500);
  /** A value replaced sooner than this may be sampled over (OPC UA reports states, not every write). */
  public static final Duration MIN_HOLD = INTERVAL.multipliedBy(3);

  /** What became of one reading. */
  public enum Served {
    /** On the server, different from its previous value: subscribers are told. */
    CHANGED,
    /** On the server, equal to its previous value: subscribers are not told (no data change). */
    UNCHANGED,
    /** The server is down (a restart fault): nobody can read it. */
    DOWN
  }

  /** One campus's PLC: the current server (null while restarting) and its devices. */
  private static final class Plc {
    final String campus;
    final int port;
    final Map<String, CanteenReading.Quantity> devices;
    volatile CanteenOpcUaServer server;

    Plc(String campus, int port, Map<String, CanteenReading.Quantity> devices, CanteenOpcUaServer server) {
      this.campus = campus;
      this.port = port;
      this.devices = devices;
      this.server = server;
    }
  }

  private final Map<String, Plc> plcs;

  private OpcUaCanteens(Map<String, Plc> plcs) {
    this.plcs = plcs;
  }

  /** Starts a server for each OPC UA campus of the county, values at their nominal level. Blocks. */
  public static OpcUaCanteens start(County county, Instant now) throws Exception {
    Map<String, Plc> plcs = new LinkedHashMap<>();
    OpcUaCanteens canteens = new OpcUaCanteens(plcs);
    try {
      for (Campus c : county.campuses()) {
        Map<String, CanteenReading.Quantity> devices = new LinkedHashMap<>();
        for (SimDevice d : c.devices()) {
          if (CountyScenario.servedOverOpcUa(c, d)) {
            devices.put(d.id(), quantity(d));
          }
        }
        if (devices.isEmpty()) {
          continue;
        }
        Map<String, DataValue> initial = new ConcurrentHashMap<>();
        devices.forEach((id, q) -> initial.put(id, CanteenOpcUaServer.reading(nominal(q), now)));
        CanteenOpcUaServer server = CanteenOpcUaServer.start(0, initial);
        plcs.put(c.id(), new Plc(c.id(), server.port(), Map.copyOf(devices), server));
      }
    } catch (Exception e) {
      canteens.close();
      throw e;
    }
    return canteens;
  }

  public Set<String> campuses() {
    return plcs.keySet();
  }

  /** Whether this reading comes from a device a PLC serves (then it is not published over MQTT). */
  public boolean serves(Emission e) {
    Plc plc = plcs.get(e.campus());
    return plc != null && plc.devices.containsKey(e.device()) && e.body() instanceof CanteenReading;
  }

  @Override
  public boolean carries(Emission e) {
    return serves(e);
  }

  @Override
  public void send(Emission e) {
    serve(e);
  }

  /** Puts a served device's reading on its PLC, with the device's time as source time. Never blocks. */
  public Served serve(Emission e) {
    Plc plc = plcs.get(e.campus());
    CanteenOpcUaServer server = plc.server;
    if (server == null) {
      return Served.DOWN;
    }
    double value = ((CanteenReading) e.body()).value();
    try {
      DataValue before = server.value(e.device());
      server.set(e.device(), CanteenOpcUaServer.reading(value, e.ts()));
      boolean same = before != null && before.getValue().getValue() instanceof Double d && d == value;
      return same ? Served.UNCHANGED : Served.CHANGED;
    } catch (RuntimeException closing) {
      // A server being shut down by a restart fault may refuse the write: as good as down.
      return Served.DOWN;
    }
  }

  /**
   * Stops the campus's server, waits {@code down}, and starts it again on the same port with the values it had,
   * as a rebooted PLC does. Blocks for the whole restart: call it from a fault's own thread.
   */
  public void restart(String campus, Duration down) throws Exception {
    Plc plc = plcs.get(campus);
    if (plc == null) {
      throw new IllegalArgumentException("opcua-restart: campus " + campus + " has no OPC UA canteen (they are " + plcs.keySet() + ")");
    }
    CanteenOpcUaServer old = plc.server;
    plc.server = null;
    Map<String, DataValue> kept = old.values();
    old.close();
    Thread.sleep(down.toMillis());
    plc.server = CanteenOpcUaServer.start(plc.port, kept);
  }

  /** The endpoint a campus's gateway reads, or empty when its canteen speaks MQTT. */
  public Optional<OpcUaEndpointSettings> endpointFor(String campus) {
    Plc plc = plcs.get(campus);
    if (plc == null) {
      return Optional.empty();
    }
    List<OpcUaEndpointSettings.Node> nodes = new ArrayList<>();
    plc.devices.forEach((id, q) -> nodes.add(new OpcUaEndpointSettings.Node(CanteenOpcUaServer.nodeId(id), id, WireNames.of(q))));
    return Optional.of(new OpcUaEndpointSettings(
        "canteen-plc", "opc.tcp://127.0.0.1:" + plc.port + "/canteen", "none", true, nodes, INTERVAL, INTERVAL, null));
  }

  @Override
  public void close() {
    for (Plc plc : plcs.values()) {
      CanteenOpcUaServer s = plc.server;
      plc.server = null;
      if (s != null) {
        try {
          s.close();
        } catch (Exception e) {
          // stopping anyway; the port is released with the process
        }
      }
    }
  }

  private static CanteenReading.Quantity quantity(SimDevice d) {
    return switch (d.type()) {
      case COLD_STORE_SENSOR -> CanteenReading.Quantity.COLD_STORE_TEMPERATURE;
      case FREEZER_SENSOR -> CanteenReading.Quantity.FREEZER_TEMPERATURE;
      case GAS_SENSOR -> CanteenReading.Quantity.GAS_CONCENTRATION;
      case HUMIDITY_SENSOR -> CanteenReading.Quantity.HUMIDITY;
      default -> throw new IllegalArgumentException(d.id() + ": a " + d.type() + " is not read over OPC UA");
    };
  }

  /** A plausible value before the simulation's first reading (a PLC always has one). */
  private static double nominal(CanteenReading.Quantity q) {
    return switch (q) {
      case COLD_STORE_TEMPERATURE -> 3.5;
      case FREEZER_TEMPERATURE -> -19;
      case GAS_CONCENTRATION -> 0.6;
      case HUMIDITY -> 68;
      case DOOR_OPEN -> 0;
    };
  }
}
