package io.campusguard.devices.body;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's own state, sent as its heartbeat: outbox depth and age per lane, its clock offset to the hub,
 * the state of each connector. {@code bootId} changes at every start, so the hub can tell a restart (sequence
 * legitimately starts again from the outbox) from a substitution. {@code STARTED} is the restart marker;
 * {@code OFFLINE} is the MQTT last will.
 */
public record GatewayHealth(
    State state,
    String bootId,
    Map<Priority, LaneStats> lanes,
    long clockOffsetMs,
    Map<String, ConnectorState> connectors)
    implements EventBody {

  public GatewayHealth {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(bootId, "bootId");
    lanes = Map.copyOf(Objects.requireNonNull(lanes, "lanes"));
    connectors = Map.copyOf(Objects.requireNonNull(connectors, "connectors"));
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
