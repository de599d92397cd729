package io.campusguard.devices;

/**
 * Every MQTT topic name, built and parsed here and nowhere else.
 *
 * <pre>
 * campus broker:  campus/{campusId}/{kind}/{deviceId}      devices publish
 * county broker:  county/{campusId}/events                 gateway publishes {@link UplinkBatch}es
 *                 county/{campusId}/alarms                 the same, for batches of P0 events only (hubs take
 *                                                          them on a session of their own: no queueing behind
 *                                                          telemetry)
 *                 county/{campusId}/status                 gateway heartbeat, restart marker and last will
 *                 county/{campusId}/ack                    hub publishes {@link CommitAck}s
 *                 county/{campusId}/cmd                    hub publishes commands to the gateway
 * </pre>
 *
 * Ids are checked against {@link Ids} before they are put in a topic, so no id can smuggle in a wildcard or
 * a level separator.
 */
public final class Topics {
  public static final String CAMPUS_ROOT = "campus";
  public static final String COUNTY_ROOT = "county";
  public static final int MAX_TOPIC_LENGTH = 256;

  private Topics() {}

  public static String campusDevice(String campus, EventKind kind, String device) {
    Ids.require("campus", campus);
    Ids.require("device", device);
    if (!kind.isDeviceKind()) {
      throw new IllegalArgumentException("kind: " + kind.wireName() + " is not published by devices");
    }
    return CAMPUS_ROOT + "/" + campus + "/" + kind.wireName() + "/" + device;
  }

  /** What a gateway subscribes to on its campus broker. */
  public static String campusFilter(String campus) {
    return CAMPUS_ROOT + "/" + Ids.require("campus", campus) + "/#";
  }

  /** A filter for every campus on a shared campus broker (the demo's light gateways each use their own). */
  public static String allCampusesFilter() {
    return CAMPUS_ROOT + "/+/+/+";
  }

  public static String county(String campus, CountyChannel channel) {
    return COUNTY_ROOT + "/" + Ids.require("campus", campus) + "/" + channel.wireName();
  }

  /** What hub instances subscribe to: a shared subscription, so several hubs split the campuses. */
  public static String countySharedFilter(String group, CountyChannel channel) {
    return "$share/" + Ids.require("group", group) + "/" + anyCampus(channel);
  }

  /** One channel of every campus, without a group: status for every hub, and events for a hub that reads alone. */
  public static String anyCampus(CountyChannel channel) {
    return COUNTY_ROOT + "/+/" + channel.wireName();
  }

  /** A device topic on a campus broker: which campus, which kind, which device. */
  public record CampusTopic(String campus, EventKind kind, String device) {}

  /** A topic on the county broker: which campus and which channel. */
  public record CountyTopic(String campus, CountyChannel channel) {}

  public enum CountyChannel {
    EVENTS,
    ALARMS,
    STATUS,
    ACK,
    CMD;

    public String wireName() {
      return WireNames.of(this);
    }
  }

  public static Decoded<CampusTopic> parseCampus(String topic) {
    String[] levels = split(topic, 4);
    if (levels == null || !CAMPUS_ROOT.equals(levels[0])) {
      return bad("expected campus/{campusId}/{kind}/{deviceId}, got " + Rejection.preview(topic));
    }
    if (!Ids.isValid(levels[1])) {
      return Decoded.rejected(
          new Rejection("topic.campus", Rejection.Reason.INVALID_ID, "not an allowed id " + Rejection.preview(levels[1])));
    }
    var kind = EventKind.fromWire(levels[2]).filter(EventKind::isDeviceKind);
    if (kind.isEmpty()) {
      return Decoded.rejected(
          new Rejection(
              "topic.kind",
              Rejection.Reason.UNKNOWN_VALUE,
              Rejection.preview(levels[2]) + " is not a device kind (panic, camera, canteen, classroom)"));
    }
    if (!Ids.isValid(levels[3])) {
      return Decoded.rejected(
          new Rejection("topic.device", Rejection.Reason.INVALID_ID, "not an allowed id " + Rejection.preview(levels[3])));
    }
    return Decoded.ok(new CampusTopic(levels[1], kind.get(), levels[3]));
  }

  public static Decoded<CountyTopic> parseCounty(String topic) {
    String[] levels = split(topic, 3);
    if (levels == null || !COUNTY_ROOT.equals(levels[0])) {
      return bad("expected county/{campusId}/{channel}, got " + Rejection.preview(topic));
    }
    if (!Ids.isValid(levels[1])) {
      return Decoded.rejected(
          new Rejection("topic.campus", Rejection.Reason.INVALID_ID, "not an allowed id " + Rejection.preview(levels[1])));
    }
    var channel = WireNames.parse(CountyChannel.class, levels[2]);
    if (channel.isEmpty()) {
      return Decoded.rejected(
          new Rejection(
              "topic.channel",
              Rejection.Reason.UNKNOWN_VALUE,
              Rejection.preview(levels[2]) + " is not one of " + WireNames.allowed(CountyChannel.class)));
    }
    return Decoded.ok(new CountyTopic(levels[1], channel.get()));
  }

  private static String[] split(String topic, int expectedLevels) {
    if (topic == null || topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
      return null;
    }
    String[] levels = topic.split("/", -1);
    return levels.length == expectedLevels ? levels : null;
  }

  private static <T> Decoded<T> bad(String detail) {
    return Decoded.rejected(new Rejection("topic", Rejection.Reason.BAD_TOPIC, detail));
  }
}
