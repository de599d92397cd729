package io.campusguard.devices.body;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.profile.ProfileOverrides;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's own state, sent as its heartbeat: outbox depth and age per lane, its clock offset to the hub,
 * the state of each connector (and why one is not up), and the device input it refused, so a device sending
 * garbage to its gateway is seen at the county, and the device profiles it runs that differ from the county's defaults. {@code bootId} changes at every start, so the hub can tell a restart (sequence
 * legitimately starts again from the outbox) from a substitution. {@code STARTED} is the restart marker;
 * {@code OFFLINE} is the MQTT last will.
 */
public record GatewayHealth(
    State state,
    String bootId,
    Map<Priority, LaneStats> lanes,
    long clockOffsetMs,
    Map<String, ConnectorState> connectors,
    Map<String, String> connectorReasons,
    DeviceInput deviceInput,
    ProfileOverrides profiles)
    implements EventBody {
  /** Refusals a heartbeat carries at most (the newest). */
  public static final int MAX_RECENT_REFUSALS = 5;
  /** Length of a reason or a refusal's detail, at most. */
  public static final int MAX_REASON_LENGTH = 200;

  public GatewayHealth {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(bootId, "bootId");
    lanes = Map.copyOf(Objects.requireNonNull(lanes, "lanes"));
    connectors = Map.copyOf(Objects.requireNonNull(connectors, "connectors"));
    connectorReasons = Map.copyOf(connectorReasons == null ? Map.of() : connectorReasons);
    deviceInput = deviceInput == null ? DeviceInput.NONE : deviceInput;
    profiles = profiles == null ? ProfileOverrides.NONE : profiles;
  }

  /** A heartbeat with the county's default profiles. */
  public GatewayHealth(
      State state, String bootId, Map<Priority, LaneStats> lanes, long clockOffsetMs, Map<String, ConnectorState> connectors,
      Map<String, String> connectorReasons, DeviceInput deviceInput) {
    this(state, bootId, lanes, clockOffsetMs, connectors, connectorReasons, deviceInput, ProfileOverrides.NONE);
  }

  /** A heartbeat without reasons or device input (an older gateway's). */
  public GatewayHealth(
      State state, String bootId, Map<Priority, LaneStats> lanes, long clockOffsetMs, Map<String, ConnectorState> connectors) {
    this(state, bootId, lanes, clockOffsetMs, connectors, Map.of(), DeviceInput.NONE, ProfileOverrides.NONE);
  }

  /**
   * What the gateway refused of its devices' input since it started.
   *
   * @param refused messages that reached the gateway and were refused (bad JSON, a missing field, another
   *     campus's topic): each kept there as a dead letter with its reason
   * @param brokerRefusals connections, publishes and subscriptions the campus broker the gateway runs refused
   *     (unknown device, wrong password, a topic not its own, a packet too big): these never reach the pipeline
   * @param recent the newest refusals, newest first, at most {@link #MAX_RECENT_REFUSALS}
   */
  public record DeviceInput(long refused, long brokerRefusals, List<Refusal> recent) {
    public static final DeviceInput NONE = new DeviceInput(0, 0, List.of());

    public DeviceInput {
      if (refused < 0 || brokerRefusals < 0) {
        throw new IllegalArgumentException("deviceInput: negative");
      }
      recent = List.copyOf(recent == null ? List.of() : recent.subList(0, Math.min(recent.size(), MAX_RECENT_REFUSALS)));
    }
  }

  /**
   * One refused input: when, where it came from (its topic, or a connector's source), and the codec's verdict.
   *
   * @param field the field at fault ({@code body.value}, {@code payload})
   * @param reason the {@code Rejection.Reason} in wire form ({@code missing}, {@code out_of_range}, …)
   */
  public record Refusal(Instant at, String source, String field, String reason, String detail) {
    public Refusal {
      Objects.requireNonNull(at, "at");
      source = cut(Objects.requireNonNull(source, "source"));
      field = cut(Objects.requireNonNull(field, "field"));
      reason = cut(Objects.requireNonNull(reason, "reason"));
      detail = detail == null ? "" : cut(detail);
    }

    private static String cut(String s) {
      String clean = s.replaceAll("\\p{Cntrl}", " ");
      return clean.length() > MAX_REASON_LENGTH ? clean.substring(0, MAX_REASON_LENGTH) : clean;
    }
  }

  public enum State {
    STARTED,
    HEARTBEAT,
    OFFLINE
  }

  public enum ConnectorState {
    UP,
    CONNECTING,
    DOWN,
    DISABLED
  }

  /** One outbox lane: events waiting, age of the oldest waiting event, events dropped since start. */
  public record LaneStats(long depth, long oldestAgeMs, long dropped) {
    public LaneStats {
      if (depth < 0 || oldestAgeMs < 0 || dropped < 0) {
        throw new IllegalArgumentException("lane stats: negative");
      }
    }
  }

  @Override
  public EventKind kind() {
    return EventKind.GATEWAY;
  }
}
