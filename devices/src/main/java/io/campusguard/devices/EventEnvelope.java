package io.campusguard.devices;

import io.campusguard.devices.body.EventBody;
import java.time.Instant;
import java.util.Objects;

/**
 * One event as it crosses the uplink, version {@value #VERSION}.
 *
 * @param v envelope version; a hub accepts every version up to its own
 * @param id time-ordered unique id (UUIDv7) given once by the gateway; redelivered copies keep it
 * @param campus campus id, which must match the uplink topic it arrives on
 * @param device device id (for gateway events, the gateway's own id)
 * @param seq the gateway's monotonic sequence for its campus, starting at 1
 * @param sourceTs when the device observed it
 * @param gatewayTs when the gateway put it in its outbox
 */
public record EventEnvelope(
    int v,
    String id,
    String campus,
    String device,
    EventKind kind,
    Priority priority,
    long seq,
    Instant sourceTs,
    Instant gatewayTs,
    EventBody body) {

  public static final int VERSION = 1;

  public EventEnvelope {
    if (v < 1 || v > VERSION) {
      throw new IllegalArgumentException("v: unsupported version " + v);
    }
    EventIds.require("id", id);
    Ids.require("campus", campus);
    Ids.require("device", device);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(priority, "priority");
    if (seq < 1) {
      throw new IllegalArgumentException("seq: must be >= 1");
    }
    Objects.requireNonNull(sourceTs, "sourceTs");
    Objects.requireNonNull(gatewayTs, "gatewayTs");
    Objects.requireNonNull(body, "body");
    if (body.kind() != kind) {
      throw new IllegalArgumentException("body: a " + body.getClass().getSimpleName() + " is not of kind " + kind);
    }
  }

  /** Wraps what a device said into an envelope, as the gateway does when it writes its outbox. */
  public static EventEnvelope of(DeviceMessage m, String id, Priority priority, long seq, Instant gatewayTs) {
    return new EventEnvelope(
        VERSION, id, m.campus(), m.device(), m.kind(), priority, seq, m.sourceTs(), gatewayTs, m.body());
  }
}
