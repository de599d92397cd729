package io.campusguard.gateway.vendorjson;

import com.fasterxml.jackson.core.JsonPointer;
import io.campusguard.devices.Ids;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.gateway.config.BrokerLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code connectors.vendorJson} section:
 *
 * <pre>
 * connectors:
 *   vendorJson:
 *     port: 9091                       # vendors POST to http://gateway:9091/vendor/NAME (optional)
 *     mqtt: { url: tcp://…, username: …, password: … }   # where vendors publish; default: the campusBroker
 *     vendors:
 *       acme:
 *         token: "…"                   # sent as Authorization: Bearer …
 *         device: /sn                  # JSON Pointer to the device id (through devices: when given)
 *         timestamp: /ts               # optional: ISO-8601 text or epoch milliseconds; else arrival
 *         readings: [ { quantity: cold_store_temperature, value: /data/temp } ]
 *       lora:
 *         token: "…"
 *         topic: application/+/device/+/event/up   # subscribed on the mqtt broker
 *         preset: chirpstack_v4         # device /deviceInfo/devEui, timestamp /time
 *         readings: [ { quantity: cold_store_temperature, value: /object/temperature } ]
 *         devices: { "0102030405060708": LP-017-CS-05 }
 * </pre>
 */
public record VendorJsonSettings(String bindAddress, Integer port, BrokerLink mqtt, Map<String, Vendor> vendors) {
  public VendorJsonSettings {
    bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
    if (port != null && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException("port: 0..65535 (0 picks a free one)");
    }
    vendors = vendors == null ? Map.of() : new LinkedHashMap<>(vendors);
    for (Map.Entry<String, Vendor> v : vendors.entrySet()) {
      String name = v.getKey();
      if (!name.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
        throw new IllegalArgumentException("vendors." + name + ": a vendor's name is lower case letters, digits, - and _");
      }
      if (v.getValue().topic() == null && port == null) {
        throw new IllegalArgumentException("vendors." + name + ".topic: required without an HTTP port (how else would it report?)");
      }
      if (port != null && v.getValue().token() == null) {
        throw new IllegalArgumentException("vendors." + name + ".token: required when HTTP push is on (port)");
      }
    }
  }

  /** Whether some vendor reports over MQTT. */
  boolean anyTopic() {
    return vendors.values().stream().anyMatch(v -> v.topic() != null);
  }

  /** Ready-made templates for platforms whose message shape is documented. */
  public enum Preset {
    /** ChirpStack v4 uplink event ({@code application/{id}/device/{devEui}/event/up}, or its HTTP integration's {@code ?event=up}). */
    CHIRPSTACK_V4("/deviceInfo/devEui", "/time");

    final String device;
    final String timestamp;

    Preset(String device, String timestamp) {
      this.device = device;
      this.timestamp = timestamp;
    }
  }

  /**
   * One vendor: its HTTP token, the MQTT topic filter it publishes under (optional), and its template.
   */
  public record Vendor(
      String token, String topic, String preset, String device, String timestamp, List<Reading> readings, Map<String, String> devices) {
    public Vendor {
      if (token != null && token.length() < 16) {
        throw new IllegalArgumentException("token: at least 16 characters");
      }
      if (topic != null) {
        try {
          org.eclipse.paho.mqttv5.common.util.MqttTopicValidator.validate(topic, true, true);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("topic: not an MQTT topic filter (" + topic + ")");
        }
      }
      Preset p = preset == null ? null : WireNames.parse(Preset.class, preset)
          .orElseThrow(() -> new IllegalArgumentException("preset: one of " + WireNames.allowed(Preset.class)));
      device = device != null ? device : p != null ? p.device : null;
      timestamp = timestamp != null ? timestamp : p != null ? p.timestamp : null;
      pointer("device", device, true);
      pointer("timestamp", timestamp, false);
      if (readings == null || readings.isEmpty()) {
        throw new IllegalArgumentException("readings: at least one");
      }
      readings = List.copyOf(readings);
      devices = devices == null ? Map.of() : Map.copyOf(devices);
      for (Map.Entry<String, String> d : devices.entrySet()) {
        Ids.require("devices." + d.getKey(), d.getValue());
      }
    }

    /** The template this vendor's messages are read with. */
    MappingTemplate template() {
      List<MappingTemplate.ReadingPointer> out = new ArrayList<>();
      for (Reading r : readings) {
        out.add(new MappingTemplate.ReadingPointer(r.parsedQuantity(), JsonPointer.compile(r.value())));
      }
      return new MappingTemplate(JsonPointer.compile(device), timestamp == null ? null : JsonPointer.compile(timestamp), out, devices);
    }
  }

  /** One value of a vendor's message and the quantity it stands for. */
  public record Reading(String quantity, String value) {
    public Reading {
      parse(quantity);
      pointer("value", value, true);
    }

    CanteenReading.Quantity parsedQuantity() {
      return parse(quantity);
    }

    private static CanteenReading.Quantity parse(String quantity) {
      return WireNames.parse(CanteenReading.Quantity.class, quantity == null ? "" : quantity)
          .orElseThrow(() -> new IllegalArgumentException("quantity: one of " + WireNames.allowed(CanteenReading.Quantity.class)));
    }
  }

  private static void pointer(String field, String text, boolean required) {
    if (text == null) {
      if (required) {
        throw new IllegalArgumentException(field + ": required (a JSON Pointer such as /data/temp)");
      }
      return;
    }
    try {
      JsonPointer.compile(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": not a JSON Pointer (" + text + ")");
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException(field + ": not a JSON Pointer (empty)");
    }
  }
}
