package io.campusguard.gateway.modbus;

import io.campusguard.devices.Ids;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.body.CanteenReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code connectors.modbus} section of the gateway's YAML:
 *
 * <pre>
 * connectors:
 *   modbus:
 *     requestTimeout: 2s          # no answer within this: a timeout, counted for the device
 *     models:                     # register map per device model
 *       acme-cs100:
 *         - { quantity: cold_store_temperature, function: holding, address: 0, type: float32, wordOrder: little }
 *         - { quantity: door_open, function: discrete, address: 0 }
 *     devices:
 *       - { id: LP-017-CS-01, model: acme-cs100, host: 192.168.10.30, port: 502, unitId: 1, pollInterval: 10s }
 * </pre>
 *
 * Defaults: port 502, unit id 1, poll interval 10 s, request timeout 2 s, connect timeout 5 s; a register's type
 * uint16, word and byte order big, scale 1, offset 0. Devices on the same host and port share one connection.
 */
public record ModbusSettings(
    Map<String, List<Register>> models, List<Device> devices, Duration requestTimeout, Duration connectTimeout,
    Integer queueCapacity, DialIn dialIn) {
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

  public ModbusSettings {
    models = models == null ? Map.of() : new LinkedHashMap<>(models);
    devices = devices == null ? List.of() : List.copyOf(devices);
    requestTimeout = positive("requestTimeout", requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    connectTimeout = positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    queueCapacity = queueCapacity == null ? DEFAULT_QUEUE_CAPACITY : queueCapacity;
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity: must be at least 1");
    }
    for (Map.Entry<String, List<Register>> m : models.entrySet()) {
      if (m.getValue() == null || m.getValue().isEmpty()) {
        throw new IllegalArgumentException("models." + m.getKey() + ": lists no registers");
      }
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < devices.size(); i++) {
      Device d = devices.get(i);
      if (d == null) {
        throw new IllegalArgumentException("devices[" + i + "]: empty");
      }
      if (!ids.add(d.id())) {
        throw new IllegalArgumentException("devices[" + i + "].id: " + d.id() + " is listed twice");
      }
      if (d.modem() != null && (dialIn == null || dialIn.modem(d.modem()) == null)) {
        throw new IllegalArgumentException("devices[" + i + "].modem: unknown modem " + d.modem()
            + (dialIn == null ? " (no dialIn section)" : " (known: " + String.join(", ", dialIn.modems().stream().map(Modem::id).toList()) + ")"));
      }
      if (!models.containsKey(d.model())) {
        throw new IllegalArgumentException("devices[" + i + "].model: unknown model " + d.model() + " (known: " + String.join(", ", models.keySet()) + ")");
      }
    }
  }

  /** The register map of {@code model}, parsed. */
  public List<RegisterPoint> points(String model) {
    List<Register> given = models.get(model);
    List<RegisterPoint> out = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      try {
        out.add(given.get(i).toPoint());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("models." + model + "[" + i + "]." + e.getMessage(), e);
      }
    }
    return out;
  }

  /** One value of a model's register map as the YAML writes it; {@link #toPoint} checks and parses it. */
  public record Register(
      String quantity, String function, Integer address, String type, String wordOrder, String byteOrder, Double scale,
      Double offset) {
    public Register {
      // Checked here too, so that a bad value names its place in the YAML.
      toPoint(quantity, function, address, type, wordOrder, byteOrder, scale, offset);
    }

    RegisterPoint toPoint() {
      return toPoint(quantity, function, address, type, wordOrder, byteOrder, scale, offset);
    }

    private static RegisterPoint toPoint(
        String quantity, String function, Integer address, String type, String wordOrder, String byteOrder, Double scale, Double offset) {
      if (address == null) {
        throw new IllegalArgumentException("address: required");
      }
      return new RegisterPoint(
          parse("quantity", CanteenReading.Quantity.class, quantity, null),
          parse("function", ModbusFunction.class, function, null),
          address,
          parse("type", RegisterType.class, type, RegisterType.UINT16),
          parse("wordOrder", Endianness.class, wordOrder, Endianness.BIG),
          parse("byteOrder", Endianness.class, byteOrder, Endianness.BIG),
          scale == null ? 1 : scale,
          offset == null ? 0 : offset);
    }
  }

  /**
   * One polled device: where it answers (a Modbus TCP {@code host} and {@code port}, or the {@code modem} that dials
   * in with it behind, polled in Modbus RTU over the modem's connection) and how often it is asked.
   */
  public record Device(String id, String model, String host, Integer port, Integer unitId, Duration pollInterval, String modem) {
    public Device {
      Ids.require("id", id);
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("model: required");
      }
      if (modem != null && (host != null || port != null)) {
        throw new IllegalArgumentException("modem: a device behind a modem has no host or port");
      }
      if (modem == null && (host == null || host.isBlank())) {
        throw new IllegalArgumentException("host: required (or modem)");
      }
      port = port == null ? 502 : port;
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " outside 1..65535");
      }
      unitId = unitId == null ? 1 : unitId;
      if (unitId < 0 || unitId > 255) {
        throw new IllegalArgumentException("unitId: " + unitId + " outside 0..255");
      }
      pollInterval = positive("pollInterval", pollInterval, DEFAULT_POLL_INTERVAL);
    }
  }

  /**
   * The port 4G data modems (DTUs) dial in to. A modem's first bytes are its registration packet (a fixed string
   * set in the modem, or its IMEI); one that matches no modem here is refused and counted. Its heartbeat packets
   * are dropped wherever they come between Modbus RTU answers.
   */
  public record DialIn(String bindAddress, Integer port, Duration registrationTimeout, List<Modem> modems) {
    public static final Duration DEFAULT_REGISTRATION_TIMEOUT = Duration.ofSeconds(30);

    public DialIn {
      bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
      if (port == null || port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: required, 0..65535 (0 picks a free one)");
      }
      registrationTimeout = positive("registrationTimeout", registrationTimeout, DEFAULT_REGISTRATION_TIMEOUT);
      modems = modems == null ? List.of() : List.copyOf(modems);
      Set<String> ids = new HashSet<>();
      Set<String> registrations = new HashSet<>();
      for (int i = 0; i < modems.size(); i++) {
        Modem m = modems.get(i);
        if (!ids.add(m.id())) {
          throw new IllegalArgumentException("modems[" + i + "].id: " + m.id() + " is listed twice");
        }
        if (!registrations.add(java.util.HexFormat.of().formatHex(m.registrationBytes()))) {
          throw new IllegalArgumentException("modems[" + i + "].registration: another modem registers with the same bytes");
        }
      }
    }

    Modem modem(String id) {
      return modems.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }
  }

  /**
   * One dial-in modem. {@code registration} and {@code heartbeat} are text, or bytes written {@code hex:…}.
   */
  public record Modem(String id, String registration, String heartbeat) {
    public Modem {
      Ids.require("id", id);
      if (registration == null || registration.isEmpty()) {
        throw new IllegalArgumentException("registration: required");
      }
      ModemBytes.parse("registration", registration);
      if (heartbeat != null) {
        ModemBytes.parse("heartbeat", heartbeat);
      }
    }

    byte[] registrationBytes() {
      return ModemBytes.parse("registration", registration);
    }

    /** Empty when the modem sends none. */
    byte[] heartbeatBytes() {
      return heartbeat == null ? new byte[0] : ModemBytes.parse("heartbeat", heartbeat);
    }
  }

  private static Duration positive(String field, Duration given, Duration dflt) {
    Duration d = given == null ? dflt : given;
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + ": must be positive");
    }
    return d;
  }

  private static <E extends Enum<E>> E parse(String field, Class<E> type, String wire, E dflt) {
    if (wire == null && dflt != null) {
      return dflt;
    }
    return WireNames.parse(type, wire == null ? "" : wire)
        .orElseThrow(() -> new IllegalArgumentException(field + ": one of " + WireNames.allowed(type)));
  }
}
