package io.campusguard.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.campusguard.devices.Ids;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.profile.DeviceProfile;
import io.campusguard.devices.profile.DeviceProfiles;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.gateway.outbox.OutboxConfig;
import io.campusguard.gateway.rules.LocalRulesConfig;
import io.campusguard.gateway.rules.SupervisedDevice;
import io.campusguard.gateway.uplink.UplinkConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One gateway's configuration, read once at start (YAML file, then {@code CG_GATEWAY_*} environment
 * overrides) and passed in as this immutable tree. A bad value refuses to start and names the field.
 *
 * <pre>
 * campus: LP-017
 * campusBroker: { url: tcp://127.0.0.1:1883, username: gw, password: secret }   # or, without it:
 * embeddedBroker: { bindAddress: 192.168.10.2, port: 1883, allowPlaintext: true, deviceAccounts: devices }
 * countyBroker: { url: ssl://county:8883, username: gw-LP-017, password: secret, tls: { caFile: county-ca.pem } }
 * outbox: { file: /var/lib/campusguard/LP-017/outbox.db, p2MaxEvents: 500000 }
 * uplink: { heartbeatInterval: 5s, replayRatePerSecond: 2000 }
 * http: { port: 9080 }
 * opcua: [ { id: canteen-plc, endpointUrl: "opc.tcp://…", security: basic256sha256, nodes: [ … ] } ]
 * devices: [ { id: LP-017-NVR-01, type: nvr }, { id: LP-017-CAM-03, type: camera, parent: LP-017-NVR-01 } ]
 * profiles: { cold_store_sensor: { thresholds: [ { alarmType: cold_store_high, direction: above, raiseAt: 6, clearAt: 5, raiseAfter: 5m } ] } }
 * connectors: { modbus: { … } }          # protocols added through the connector registry, by section name
 * </pre>
 *
 * @param gatewayId the gateway's own id in status messages; default {@code {campus}-GW}
 * @param campusBroker an external campus broker (Mosquitto); without a url the gateway runs its own
 * @param embeddedBroker the gateway's own campus broker, used when {@code campusBroker.url} is not set
 * @param countyBroker the uplink; TLS ({@code ssl://} with {@code tls.caFile}) in production, plaintext only to
 *     loopback unless {@code allowPlaintext: true}
 * @param devices the campus's device register for the local rules ({@link DeviceSettings}); devices not listed
 *     are still supervised from their first message
 * @param profiles the county's overrides of the default device profiles, by device type ({@link ProfileSettings})
 * @param connectors the sections of connectors added through the registry, by name, read by their own factories
 *     ({@link io.campusguard.gateway.connector.ConnectorRegistry})
 */
public record GatewayConfig(
    String campus,
    String gatewayId,
    BrokerLink campusBroker,
    BrokerLink countyBroker,
    EmbeddedBrokerSettings embeddedBroker,
    OutboxSettings outbox,
    UplinkConfig uplink,
    HttpSettings http,
    List<OpcUaEndpointSettings> opcua,
    List<DeviceSettings> devices,
    Map<String, ProfileSettings> profiles,
    Map<String, JsonNode> connectors) {
  public static final String ENV_PREFIX = "CG_GATEWAY";
  public static final String CONNECTORS = "connectors";

  public GatewayConfig {
    Ids.require("campus", campus);
    gatewayId = gatewayId == null ? campus + "-GW" : gatewayId;
    Ids.require("gatewayId", gatewayId);
    campusBroker = campusBroker == null ? BrokerLink.of(null, null, null) : campusBroker;
    embeddedBroker = embeddedBroker == null ? new EmbeddedBrokerSettings(null, null, null) : embeddedBroker;
    Objects.requireNonNull(countyBroker, "countyBroker: required");
    if (countyBroker.url() == null) {
      throw new IllegalArgumentException("countyBroker.url: required");
    }
    // Fail at start, naming the field, rather than when the connectors are built.
    if (campusBroker.url() != null) {
      BrokerLink c = campusBroker;
      prefixed("campusBroker", () -> c.endpoint("x"));
    } else {
      EmbeddedBrokerSettings e = embeddedBroker;
      prefixed("embeddedBroker", e::plaintextWarning);
    }
    prefixed("countyBroker", () -> countyBroker.endpoint("x"));
    outbox = outbox == null ? new OutboxSettings(null, null, null, null) : outbox;
    OutboxSettings o = outbox;
    prefixed("", () -> o.toConfig(campus));
    uplink = uplink == null ? UplinkConfig.DEFAULTS : uplink;
    http = http == null ? new HttpSettings(null, null) : http;
    opcua = opcua == null ? List.of() : List.copyOf(opcua);
    for (int i = 0; i < opcua.size(); i++) {
      OpcUaEndpointSettings e = opcua.get(i);
      prefixed("opcua[" + i + "]", e::toConfig);
    }
    devices = devices == null ? List.of() : List.copyOf(devices);
    checkRegister(devices);
    profiles = profiles == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(profiles));
    connectors = connectors == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(connectors));
    rulesConfigOf(campus, devices, profiles); // fail at start, naming the field
  }

  /** A config without profile overrides or registered connectors' sections. */
  public GatewayConfig(
      String campus, String gatewayId, BrokerLink campusBroker, BrokerLink countyBroker, EmbeddedBrokerSettings embeddedBroker,
      OutboxSettings outbox, UplinkConfig uplink, HttpSettings http, List<OpcUaEndpointSettings> opcua, List<DeviceSettings> devices) {
    this(campus, gatewayId, campusBroker, countyBroker, embeddedBroker, outbox, uplink, http, opcua, devices, null, null);
  }

  /** A config without a device register. */
  public GatewayConfig(
      String campus, String gatewayId, BrokerLink campusBroker, BrokerLink countyBroker, EmbeddedBrokerSettings embeddedBroker,
      OutboxSettings outbox, UplinkConfig uplink, HttpSettings http, List<OpcUaEndpointSettings> opcua) {
    this(campus, gatewayId, campusBroker, countyBroker, embeddedBroker, outbox, uplink, http, opcua, null, null, null);
  }

  /** A config without OPC UA endpoints (most campuses have none). */
  public GatewayConfig(
      String campus, String gatewayId, BrokerLink campusBroker, BrokerLink countyBroker, EmbeddedBrokerSettings embeddedBroker,
      OutboxSettings outbox, UplinkConfig uplink, HttpSettings http) {
    this(campus, gatewayId, campusBroker, countyBroker, embeddedBroker, outbox, uplink, http, null, null, null, null);
  }

  /** The OPC UA connector's settings, or empty when the campus has no OPC UA equipment. */
  public java.util.Optional<io.campusguard.gateway.opcua.OpcUaConnectorConfig> opcuaConnector() {
    if (opcua.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new io.campusguard.gateway.opcua.OpcUaConnectorConfig(
        campus, campus + "-OPCUA", io.campusguard.gateway.opcua.OpcUaConnectorConfig.DEFAULT_QUEUE_CAPACITY,
        opcua.stream().map(OpcUaEndpointSettings::toConfig).toList()));
  }

  /** The local rules' settings: the county defaults with this config's device register and profile overrides. */
  public LocalRulesConfig rulesConfig() {
    return rulesConfigOf(campus, devices, profiles);
  }

  /** This config with another section of a registered connector (tests, tools). */
  public GatewayConfig withConnector(String name, JsonNode section) {
    Map<String, JsonNode> more = new LinkedHashMap<>(connectors);
    more.put(name, section);
    return new GatewayConfig(campus, gatewayId, campusBroker, countyBroker, embeddedBroker, outbox, uplink, http, opcua, devices, profiles, more);
  }

  private static LocalRulesConfig rulesConfigOf(String campus, List<DeviceSettings> devices, Map<String, ProfileSettings> profiles) {
    Map<DeviceType, DeviceProfile> byType = new EnumMap<>(DeviceType.class);
    profiles.forEach((name, override) -> {
      DeviceType type = WireNames.parse(DeviceType.class, name)
          .orElseThrow(() -> new IllegalArgumentException("profiles." + name + ": not a device type (one of " + WireNames.allowed(DeviceType.class) + ")"));
      if (override == null) {
        throw new IllegalArgumentException("profiles." + name + ": empty");
      }
      byType.put(type, prefixed("profiles." + name, () -> override.over(DeviceProfiles.of(type))));
    });
    Map<String, DeviceProfile> byDevice = new HashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      DeviceSettings d = devices.get(i);
      if (d.profile() != null) {
        SupervisedDevice s = d.toSupervised();
        DeviceProfile base = byType.getOrDefault(s.type(), DeviceProfiles.of(s.type()));
        byDevice.put(s.deviceId(), prefixed("devices[" + i + "].profile", () -> d.profile().over(base)));
      }
    }
    if (byDevice.size() > io.campusguard.devices.profile.ProfileOverrides.MAX_DEVICES) {
      // The heartbeat carries every device's own profile: bounded, so it stays one small message.
      throw new IllegalArgumentException("devices: more than " + io.campusguard.devices.profile.ProfileOverrides.MAX_DEVICES
          + " devices with a profile of their own; set it for their type under profiles instead");
    }
    LocalRulesConfig defaults = LocalRulesConfig.defaults(campus).withDevices(devices.stream().map(DeviceSettings::toSupervised).toList());
    return prefixed("profiles", () -> defaults.withProfiles(byType, byDevice));
  }

  /** The device register as the local rules take it. */
  public List<SupervisedDevice> register() {
    return devices.stream().map(DeviceSettings::toSupervised).toList();
  }

  /** Each entry valid, no id twice, every parent listed, no device its own ancestor; errors name the entry. */
  private static void checkRegister(List<DeviceSettings> devices) {
    Map<String, Integer> index = new HashMap<>();
    List<SupervisedDevice> register = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      DeviceSettings d = Objects.requireNonNull(devices.get(i), "devices[" + i + "]: empty entry");
      SupervisedDevice s = prefixed("devices[" + i + "]", d::toSupervised);
      Integer before = index.putIfAbsent(s.deviceId(), i);
      if (before != null) {
        throw new IllegalArgumentException("devices[" + i + "].id: " + s.deviceId() + " is listed already as devices[" + before + "]");
      }
      register.add(s);
    }
    for (int i = 0; i < register.size(); i++) {
      String parent = register.get(i).parent();
      if (parent != null && !index.containsKey(parent)) {
        throw new IllegalArgumentException("devices[" + i + "].parent: unknown device " + parent);
      }
      // Walk up: at most as many steps as there are devices, else the parents go round in a circle.
      String at = parent;
      for (int steps = 0; at != null; steps++) {
        if (at.equals(register.get(i).deviceId()) || steps > register.size()) {
          throw new IllegalArgumentException("devices[" + i + "].parent: " + register.get(i).deviceId() + " would be its own ancestor");
        }
        at = register.get(index.get(at)).parent();
      }
    }
  }

  /** What the start log warns about: every MQTT link or listener of this gateway that is plaintext. */
  public List<String> plaintextWarnings() {
    List<String> warnings = new ArrayList<>();
    countyBroker.endpoint("x").plaintextWarning().ifPresent(w -> warnings.add("countyBroker: " + w));
    if (embeddedCampusBroker()) {
      embeddedBroker.plaintextWarning().ifPresent(w -> warnings.add("embeddedBroker: " + w));
    } else {
      campusBroker.endpoint("x").plaintextWarning().ifPresent(w -> warnings.add("campusBroker: " + w));
    }
    return warnings;
  }

  /** True when the gateway runs the campus broker itself. */
  public boolean embeddedCampusBroker() {
    return campusBroker.url() == null;
  }

  public OutboxConfig outboxConfig() {
    return outbox.toConfig(campus);
  }

  private static <T> T prefixed(String section, java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException((section.isEmpty() ? "" : section + ".") + e.getMessage(), e);
    }
  }
}
