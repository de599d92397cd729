package io.campusguard.broker.access;

import io.campusguard.broker.BrokerSettings;

/**
 * The most a county broker must queue for one client when every gateway sends at once (all reconnecting after a
 * county-wide outage, or a hub restarting under load): each gateway has at most its uplink's window of events
 * sent and not yet committed, and a P0 alarm may travel alone, one message per event. Mosquitto's per-client
 * queue limits are sized from it; past them Mosquitto drops a message for that client, which costs a resend
 * (a gateway deletes an event only on the hub's commit ack, and sends it again after the ack timeout), never a
 * loss.
 *
 * @param campuses the gateways that may send together
 * @param eventsInFlightPerGateway the uplink's window of events sent but not yet acked (gateway
 *     {@code uplink.maxEventsInFlight})
 */
public record CountyBurst(int campuses, int eventsInFlightPerGateway) {
  /** A stored event's envelope is 250–400 bytes of JSON; the larger figure, so the byte limit errs high. */
  public static final int EVENT_BYTES = 400;
  /** Headroom over the burst: heartbeats, commands and acks arriving meanwhile, and a slow hub. */
  public static final int HEADROOM = 2;
  private static final long MIB = 1024 * 1024;

  public CountyBurst {
    if (campuses < 1) {
      throw new IllegalArgumentException("campuses: at least 1");
    }
    if (eventsInFlightPerGateway < 1) {
      throw new IllegalArgumentException("eventsInFlightPerGateway: at least 1");
    }
  }

  /** Messages of the worst burst: every event of every window alone (as P0 alarms travel). */
  public long messages() {
    return (long) campuses * eventsInFlightPerGateway;
  }

  /** Bytes of the worst burst's payloads. */
  public long bytes() {
    return messages() * EVENT_BYTES;
  }

  /** {@code max_queued_messages}: the burst with headroom, never below the embedded broker's queue size. */
  public long maxQueuedMessages() {
    return Math.max(BrokerSettings.DEFAULT_MAX_QUEUE_SIZE, HEADROOM * messages());
  }

  /** {@code max_queued_bytes}: the burst's bytes with headroom, in whole MiB: what bounds the broker's memory. */
  public long maxQueuedBytes() {
    long bytes = HEADROOM * bytes();
    return (bytes + MIB - 1) / MIB * MIB;
  }
}
